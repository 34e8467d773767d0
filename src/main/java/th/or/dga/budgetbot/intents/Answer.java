package th.or.dga.budgetbot.intents;

import java.util.Map;

import th.or.dga.budgetbot.calendar.SubmissionState;
import th.or.dga.budgetbot.language.LocalizedText;

/**
 * An intent's answer template.
 *
 * @param text the text of a static or unknown answer
 * @param byState the texts of a fiscal-year answer, one per submission state
 * @param nextYearByDefault for a fiscal-year answer, whether a message that names no year
 *     asks about the year after the current one ("ปีหน้าเปิดรับเมื่อไหร่")
 */
public record Answer(AnswerKind kind, LocalizedText text, Map<SubmissionState, LocalizedText> byState,
		boolean nextYearByDefault) {

	public Answer {
		byState = byState == null ? Map.of() : Map.copyOf(byState);
	}

}
