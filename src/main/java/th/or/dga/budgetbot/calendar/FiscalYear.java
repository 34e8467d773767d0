package th.or.dga.budgetbot.calendar;

import java.time.LocalDate;
import java.util.List;

import th.or.dga.budgetbot.language.LocalizedText;

/**
 * One fiscal year of the calendar. Thai fiscal year N (B.E.) runs from 1 October of N-1 to
 * 30 September of N, so FY2564 is 1 Oct 2563 - 30 Sep 2564 (1 Oct 2020 - 30 Sep 2021).
 *
 * @param year the B.E. year
 * @param opens first day requests are taken (open years only)
 * @param deadline last day requests are taken (open years only)
 * @param phase where the budget process stands, e.g. "being allocated by the Budget Bureau"
 * @param reason why the state is what it is, as the bot says it
 */
public record FiscalYear(int year, SubmissionState submission, LocalDate opens, LocalDate deadline,
		LocalizedText phase, LocalizedText reason, List<String> facts) {

	public FiscalYear {
		facts = facts == null ? List.of() : List.copyOf(facts);
	}

	public static FiscalYear unknown(int year) {
		return new FiscalYear(year, SubmissionState.UNKNOWN, null, null, null, null, List.of());
	}

	public LocalDate firstDay() {
		return LocalDate.of(year - 543 - 1, 10, 1);
	}

	public LocalDate lastDay() {
		return LocalDate.of(year - 543, 9, 30);
	}

}
