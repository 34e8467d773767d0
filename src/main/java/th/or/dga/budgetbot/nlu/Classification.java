package th.or.dga.budgetbot.nlu;

import java.util.List;
import java.util.Optional;

import th.or.dga.budgetbot.language.Language;

/**
 * What the classifier made of a message.
 *
 * @param ranking the best intents with their combined scores, best first
 * @param coverage share of the message's words that the training examples contain: a low one
 *     means the message is about something the bot was never taught
 * @param similarity cosine similarity of the message to the nearest example of the best intent
 * @param accepted whether the best intent passed the confidence, margin and coverage gates;
 *     if not, the message gets the fallback answer
 */
public record Classification(List<Scored> ranking, double coverage, double similarity, boolean accepted, Mentions mentions,
		Language language) {

	public Classification {
		ranking = List.copyOf(ranking);
	}

	public Optional<String> intent() {
		return accepted ? Optional.of(ranking.get(0).intent()) : Optional.empty();
	}

	public String bestGuess() {
		return ranking.isEmpty() ? null : ranking.get(0).intent();
	}

	public double confidence() {
		return ranking.isEmpty() ? 0 : ranking.get(0).score();
	}

	public double margin() {
		if (ranking.size() < 2) {
			return confidence();
		}
		return ranking.get(0).score() - ranking.get(1).score();
	}

	public record Scored(String intent, double score) {
	}

}
