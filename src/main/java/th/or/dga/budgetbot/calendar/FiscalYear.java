package th.or.dga.budgetbot.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import th.or.dga.budgetbot.language.LocalizedText;

/**
 * One fiscal year of the calendar. Thai fiscal year N (B.E.) runs from 1 October of N-1 to
 * 30 September of N, so FY2564 is 1 Oct 2563 - 30 Sep 2564 (1 Oct 2020 - 30 Sep 2021).
 *
 * @param year the B.E. year
 * @param state where requests stand, as an admin set it
 * @param opens when requests are first taken (required for an open year)
 * @param closes when requests are last taken, the deadline (required for an open year)
 * @param reminders how long before {@code closes} agencies that have not submitted are reminded
 * @param phase where the budget process stands, e.g. "being allocated by the Budget Bureau"
 * @param reason why the state is what it is, as the bot says it
 */
public record FiscalYear(int year, FiscalYearState state, Instant opens, Instant closes, List<Duration> reminders,
		LocalizedText phase, LocalizedText reason) {

	public FiscalYear {
		reminders = reminders == null ? List.of() : List.copyOf(reminders);
	}

	public static FiscalYear unknown(int year) {
		return new FiscalYear(year, FiscalYearState.UNKNOWN, null, null, List.of(), null, null);
	}

	/**
	 * The state as the bot should tell it at {@code now}: an open year before its window is not
	 * open yet, and after its deadline closed, even if no admin has changed it yet.
	 */
	public FiscalYearState stateAt(Instant now) {
		if (state != FiscalYearState.OPEN) {
			return state;
		}
		if (now.isBefore(opens)) {
			return FiscalYearState.NOT_OPEN;
		}
		return now.isBefore(closes) ? FiscalYearState.OPEN : FiscalYearState.CLOSED;
	}

	public LocalDate firstDay() {
		return LocalDate.of(year - 543 - 1, 10, 1);
	}

	public LocalDate lastDay() {
		return LocalDate.of(year - 543, 9, 30);
	}

}
