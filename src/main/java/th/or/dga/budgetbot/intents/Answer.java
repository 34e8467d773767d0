package th.or.dga.budgetbot.intents;

import java.util.List;
import java.util.Map;

import th.or.dga.budgetbot.language.LocalizedText;

/**
 * An intent's answer template.
 *
 * @param text the text of a static or unknown answer
 * @param variants the texts of a computed answer, by case: for fiscal-year answers one per
 *     state of the year ({@code not-open}, {@code open}, {@code closed}, {@code unknown}, and
 *     optionally {@code in-allocation} and {@code allocated}, which otherwise say what
 *     {@code closed} says); for agency-status
 *     answers {@code notLinked}, {@code found}, {@code none}, {@code notFound}
 * @param nextYearByDefault for a fiscal-year answer, whether a message that names no year
 *     asks about the year after the current one ("ปีหน้าเปิดรับเมื่อไหร่")
 */
public record Answer(AnswerKind kind, LocalizedText text, Map<String, LocalizedText> variants, boolean nextYearByDefault) {

	/** The cases each computed kind must give a text for. */
	public static final Map<AnswerKind, List<String>> VARIANTS = Map.of(AnswerKind.FISCAL_YEAR,
			List.of("closed", "open", "unknown", "not-open"), AnswerKind.AGENCY_STATUS,
			List.of("notLinked", "found", "none", "notFound"));

	/** Cases a computed kind may give a text for, each with the case whose text stands in when it does not. */
	public static final Map<AnswerKind, Map<String, String>> OPTIONAL_VARIANTS = Map.of(AnswerKind.FISCAL_YEAR,
			Map.of("in-allocation", "closed", "allocated", "closed"), AnswerKind.AGENCY_STATUS, Map.of());

	public Answer {
		variants = variants == null ? Map.of() : Map.copyOf(variants);
	}

	public LocalizedText variant(String name) {
		LocalizedText text = variants.get(name);
		if (text == null && OPTIONAL_VARIANTS.containsKey(kind) && OPTIONAL_VARIANTS.get(kind).containsKey(name)) {
			text = variants.get(OPTIONAL_VARIANTS.get(kind).get(name));
		}
		if (text == null) {
			throw new IllegalStateException("answer has no '" + name + "' text");
		}
		return text;
	}

}
