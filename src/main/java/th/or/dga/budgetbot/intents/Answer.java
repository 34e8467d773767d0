package th.or.dga.budgetbot.intents;

import java.util.List;
import java.util.Map;

import th.or.dga.budgetbot.language.LocalizedText;
import th.or.dga.budgetbot.nlu.QuestionType;

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
 * @param asks for a static answer, the text for a kind of question (when, who, how many, which
 *     years) where it differs from {@code text}, with the facts it rests on
 */
public record Answer(AnswerKind kind, LocalizedText text, Map<String, LocalizedText> variants, boolean nextYearByDefault,
		Map<QuestionType, Asked> asks) {

	/**
	 * The answer to one kind of question.
	 *
	 * @param facts the facts this text rests on; empty: the facts do not hold what is asked, and
	 *     the text says so and gives the contact channel
	 */
	public record Asked(List<String> facts, LocalizedText text) {

		public Asked {
			facts = List.copyOf(facts);
		}

		public boolean known() {
			return !facts.isEmpty();
		}

	}

	/** The cases each computed kind must give a text for. */
	public static final Map<AnswerKind, List<String>> VARIANTS = Map.of(AnswerKind.FISCAL_YEAR,
			List.of("closed", "open", "unknown", "not-open"), AnswerKind.AGENCY_STATUS,
			List.of("notLinked", "found", "none", "notFound"));

	/** Cases a computed kind may give a text for, each with the case whose text stands in when it does not. */
	public static final Map<AnswerKind, Map<String, String>> OPTIONAL_VARIANTS = Map.of(AnswerKind.FISCAL_YEAR,
			Map.of("in-allocation", "closed", "allocated", "closed"), AnswerKind.AGENCY_STATUS, Map.of());

	public Answer {
		variants = variants == null ? Map.of() : Map.copyOf(variants);
		asks = asks == null ? Map.of() : Map.copyOf(asks);
	}

	public Answer(AnswerKind kind, LocalizedText text, Map<String, LocalizedText> variants, boolean nextYearByDefault) {
		this(kind, text, variants, nextYearByDefault, Map.of());
	}

	/**
	 * The text for the first of the kinds of question asked that has one of its own; one that
	 * rests on facts before one that says the facts do not hold it, so that "who chairs it, and
	 * since when" still gets the name.
	 */
	public java.util.Optional<Asked> asked(List<QuestionType> types) {
		List<Asked> found = types.stream().map(asks::get).filter(java.util.Objects::nonNull).toList();
		return found.stream().filter(Asked::known).findFirst().or(() -> found.stream().findFirst());
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
