package th.or.dga.budgetbot.intents;

import java.util.List;
import java.util.Map;

import th.or.dga.budgetbot.language.LocalizedText;

/**
 * An intent's answer template.
 *
 * @param text the text of a static or unknown answer
 * @param variants the texts of a computed answer, by case: for fiscal-year answers one per
 *     submission state ({@code closed}, {@code open}, {@code unknown}); for agency-status
 *     answers {@code notLinked}, {@code found}, {@code none}, {@code notFound}
 * @param nextYearByDefault for a fiscal-year answer, whether a message that names no year
 *     asks about the year after the current one ("ปีหน้าเปิดรับเมื่อไหร่")
 */
public record Answer(AnswerKind kind, LocalizedText text, Map<String, LocalizedText> variants, boolean nextYearByDefault) {

	/** The cases each computed kind must give a text for. */
	public static final Map<AnswerKind, List<String>> VARIANTS = Map.of(AnswerKind.FISCAL_YEAR,
			List.of("closed", "open", "unknown"), AnswerKind.AGENCY_STATUS, List.of("notLinked", "found", "none", "notFound"));

	public Answer {
		variants = variants == null ? Map.of() : Map.copyOf(variants);
	}

	public LocalizedText variant(String name) {
		LocalizedText text = variants.get(name);
		if (text == null) {
			throw new IllegalStateException("answer has no '" + name + "' text");
		}
		return text;
	}

}
