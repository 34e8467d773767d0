package th.or.dga.budgetbot.agency;

import java.math.BigDecimal;

/**
 * What an admin sets on a request (PUT or a CSV row). A new request starts in the given
 * status; an existing one may only move along the legal transitions.
 */
public record SubmissionUpdate(Integer fiscalYear, String title, BigDecimal amountRequested, SubmissionStatus status,
		BigDecimal allocatedAmount) {
}
