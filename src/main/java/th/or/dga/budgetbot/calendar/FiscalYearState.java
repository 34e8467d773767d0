package th.or.dga.budgetbot.calendar;

import java.util.Arrays;
import java.util.List;

/**
 * Where a fiscal year's budget requests stand. {@link #UNKNOWN} is for a year the calendar
 * does not list: it is never stored, and the API does not accept it.
 */
public enum FiscalYearState {

	/** Requests are not taken yet (the window, if known, is ahead). */
	NOT_OPEN,
	/** Requests are taken between {@code opens} and {@code closes}. */
	OPEN,
	/** Requests are no longer taken. */
	CLOSED,
	/** Requests are closed and the Budget Bureau is allocating (สำนักงบประมาณจัดสรร). */
	IN_ALLOCATION,
	/** Requests are closed and the allocation is done. */
	ALLOCATED,
	UNKNOWN;

	/** The states an admin may set. */
	public static List<FiscalYearState> settable() {
		return Arrays.stream(values()).filter(s -> s != UNKNOWN).toList();
	}

	/** Whether agencies can no longer submit requests for the year. */
	public boolean closedForRequests() {
		return this == CLOSED || this == IN_ALLOCATION || this == ALLOCATED;
	}

}
