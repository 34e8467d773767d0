package th.or.dga.budgetbot.nlu;

import java.util.List;

import th.or.dga.budgetbot.language.Language;
import th.or.dga.budgetbot.language.UserText;

/**
 * Normalisation and segmentation in one step: what the classifier, the training and the
 * evaluation all use, so that they can never see a message differently.
 */
public final class TextAnalyzer {

	private final ThaiNormalizer normalizer = new ThaiNormalizer();

	private final ThaiSegmenter segmenter = new ThaiSegmenter();

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

		public AnalyzedText tail(int size) {
			return tokens.size() <= size ? this
					: new AnalyzedText(tokens.subList(tokens.size() - size, tokens.size()), mentions, language);
		}

	}

}
