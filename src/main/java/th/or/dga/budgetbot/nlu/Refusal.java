package th.or.dga.budgetbot.nlu;

import java.util.Locale;
import java.util.Optional;

/**
 * Why a message got no intent: the first gate of {@link NluProperties} its classification
 * failed, in the order the gates are checked. The name in lower case is the {@code reason} of
 * the {@code bot.nlu.fallbacks} metric.
 */
public enum Refusal {

	/** Nothing the analyzer could read as a word (emoji only, punctuation). */
	NO_WORDS,
	/** The best intent's combined score is under {@code min-confidence}. */
	LOW_CONFIDENCE,
	/** The best intent leads the second by less than {@code min-margin}. */
	AMBIGUOUS,
	/** Too few of the message's words were ever seen in training ({@code min-coverage}). */
	UNKNOWN_WORDS,
	/** Far from every example of the best intent ({@code min-similarity}). */
	UNLIKE_EXAMPLES,
	/** The model named an intent the catalog it was trained with does not have. */
	NOT_IN_CATALOG;

	public String reason() {
		return name().toLowerCase(Locale.ROOT);
	}

	static Optional<Refusal> of(Classification c, NluProperties gates) {
		if (c.ranking().isEmpty()) {
			return Optional.of(NO_WORDS);
		}
		if (c.confidence() < gates.minConfidence()) {
			return Optional.of(LOW_CONFIDENCE);
		}
		if (c.margin() < gates.minMargin()) {
			return Optional.of(AMBIGUOUS);
		}
		if (c.coverage() < gates.minCoverage()) {
			return Optional.of(UNKNOWN_WORDS);
		}
		if (c.similarity() < gates.minSimilarity()) {
			return Optional.of(UNLIKE_EXAMPLES);
		}
		return Optional.empty();
	}

}
