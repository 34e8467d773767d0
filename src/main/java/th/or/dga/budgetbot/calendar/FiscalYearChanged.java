package th.or.dga.budgetbot.calendar;

/**
 * An admin changed a fiscal year (its state, window or reminders), for whoever schedules
 * reminders from the calendar.
 *
 * @param before the year as it was, {@code null} if the calendar did not list it
 * @param after the year as it is now
 */
public record FiscalYearChanged(int year, FiscalYear before, FiscalYear after) {
}
