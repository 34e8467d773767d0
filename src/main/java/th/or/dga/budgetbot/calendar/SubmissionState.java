package th.or.dga.budgetbot.calendar;

/** Whether a fiscal year takes budget requests; UNKNOWN for a year the calendar does not list. */
public enum SubmissionState {

	OPEN, CLOSED, UNKNOWN

}
