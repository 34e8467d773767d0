package th.or.dga.budgetbot.agency;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A budget request (คำขอตั้งงบประมาณ) of an agency. Amounts are exact baht ({@link BigDecimal},
 * two decimals), never floating point.
 *
 * @param allocatedAmount the amount allocated, for an ALLOCATED request only
 */
public record Submission(String requestId, String agency, int fiscalYear, String title, BigDecimal amountRequested,
		SubmissionStatus status, BigDecimal allocatedAmount, List<StatusChange> history) {

	public Submission {
		history = history == null ? List.of() : List.copyOf(history);
	}

	public Instant lastChange() {
		return history.isEmpty() ? null : history.get(history.size() - 1).at();
	}

}
