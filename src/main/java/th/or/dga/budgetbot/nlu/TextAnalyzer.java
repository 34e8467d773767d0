package th.or.dga.budgetbot.nlu;

import java.util.List;

import th.or.dga.budgetbot.language.Language;
import th.or.dga.budgetbot.language.UserText;

/**
 * Normalisation and segmentation in one step: what the classifier, the training and the
 * evaluation all use, so that they can never see a message differently.
 */
public final class TextAnalyzer {

	private final ThaiNormalizer normalizer;

	private final ThaiSegmenter segmenter;

	public TextAnalyzer() {
		this(SpellingVariants.NONE);
	}

	/** With the admins' table of spelling variants and abbreviations ({@code intents/vocabulary/}). */
	public TextAnalyzer(SpellingVariants variants) {
		this.normalizer = new ThaiNormalizer(variants);
		this.segmenter = new ThaiSegmenter(variants);
	}

	/** The message as every reader sees it first (NFC, no invisible characters, spaces folded). */
	public String clean(String message) {
		return UserText.clean(message);
	}

	public AnalyzedText analyze(String message) {
		String text = UserText.clean(message);
		NormalizedText normalized = normalizer.normalize(text);
		List<String> tokens = segmenter.segment(normalized.text());
		return new AnalyzedText(tokens, normalized.mentions(), Language.of(text));
	}

	/** A message as words, the entities it names and the language to answer in. */
	public record AnalyzedText(List<String> tokens, Mentions mentions, Language language) {

		public AnalyzedText {
			tokens = List.copyOf(tokens);
		}

		/** Other words of the same message: its entities and language stay the whole message's. */
		public AnalyzedText withTokens(List<String> words) {
			return new AnalyzedText(words, mentions, language);
		}

		public AnalyzedText tail(int size) {
			return tokens.size() <= size ? this
					: new AnalyzedText(tokens.subList(tokens.size() - size, tokens.size()), mentions, language);
		}

	}

}
