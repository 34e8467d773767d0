package th.or.dga.budgetbot.alert;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A request that reached ALLOCATED and waits, with the agency's others, for the window to close.
 *
 * @param version what tells this change from another of the same request: the time of the change in ms
 */
record PendingAllocation(String requestId, long version, String title, BigDecimal amount, Instant at) {

	/** The item's name in the pending set: {@code <requestId>:<version>}. */
	String item() {
		return requestId + ":" + version;
	}

}
