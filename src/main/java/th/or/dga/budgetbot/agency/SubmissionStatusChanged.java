package th.or.dga.budgetbot.agency;

import java.math.BigDecimal;
import java.time.Instant;

/** A request moved to another status (the alerts feature tells the agency's staff). */
public record SubmissionStatusChanged(String agency, String requestId, int fiscalYear, SubmissionStatus from,
		SubmissionStatus to, BigDecimal allocatedAmount, Instant at, String by) {
}
