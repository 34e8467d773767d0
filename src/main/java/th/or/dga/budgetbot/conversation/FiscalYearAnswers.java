package th.or.dga.budgetbot.conversation;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import th.or.dga.budgetbot.calendar.FiscalYear;
import th.or.dga.budgetbot.calendar.FiscalYearState;
import th.or.dga.budgetbot.calendar.ThaiDates;
import th.or.dga.budgetbot.language.Language;

/**
 * What a fiscal-year answer says about a year at a given moment: which of the intent's texts
 * (by the year's state then) and the values of its placeholders. Pure, so that the time left
 * is tested with a clock that is set, not the wall clock.
 */
final class FiscalYearAnswers {

	/** Which text and with what values. */
	record Filled(String variant, boolean known, Map<String, String> values) {
	}

	private FiscalYearAnswers() {
	}

	static Filled of(FiscalYear year, Language language, Instant now) {
		FiscalYearState state = year.stateAt(now);
		Map<String, String> values = new HashMap<>();
		values.put("year", String.valueOf(year.year()));
		values.put("yearCe", String.valueOf(year.year() - 543));
		values.put("period", ThaiDates.format(year.firstDay(), language) + " – " + ThaiDates.format(year.lastDay(), language));
		if (year.phase() != null) {
			values.put("phase", year.phase().in(language));
		}
		if (year.opens() != null) {
			values.put("opens", ThaiDates.format(year.opens(), language));
		}
		if (year.closes() != null) {
			values.put("deadline", ThaiDates.format(year.closes(), language));
			values.put("timeLeft", timeLeft(Duration.between(now, year.closes()), language));
		}
		if (year.reason() != null) {
			values.put("reason", year.reason().in(language));
		}
		else if (state == FiscalYearState.CLOSED && year.closes() != null) {
			// An open year whose deadline passed before an admin closed it: the deadline is the reason.
			values.put("reason", language == Language.EN ? "the window closed on " + values.get("deadline")
					: "ปิดรับคำขอไปเมื่อ " + values.get("deadline") + " แล้ว");
		}
		String variant = switch (state) {
			case OPEN -> "open";
			// Not open, and no date announced: as much as the bot knows of an unlisted year.
			case NOT_OPEN -> year.opens() == null ? "unknown" : "not-open";
			case CLOSED -> "closed";
			case IN_ALLOCATION -> "in-allocation";
			case ALLOCATED -> "allocated";
			case UNKNOWN -> "unknown";
		};
		return new Filled(variant, !variant.equals("unknown"), values);
	}

	/** "12 วัน", or within the last day "5 ชั่วโมง"; never negative. */
	static String timeLeft(Duration left, Language language) {
		return ThaiDates.timeLeft(left, language);
	}

}
