package th.or.dga.budgetbot.calendar;

import java.util.List;

/** What can go wrong with the calendar, each named after what happened, with what to do. */
final class CalendarProblems {

	private CalendarProblems() {
	}

	/** A fiscal year breaks one or more rules; nothing was stored. */
	static class InvalidFiscalYear extends RuntimeException {

		final List<String> errors;

		InvalidFiscalYear(List<String> errors) {
			super(String.join("; ", errors));
			this.errors = List.copyOf(errors);
		}

	}

	static class FiscalYearNotFound extends RuntimeException {

		FiscalYearNotFound(int year) {
			super("the calendar has no fiscal year " + year + "; create it with PUT /api/admin/fiscal-years/" + year);
		}

	}

}
