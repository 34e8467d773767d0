package th.or.dga.budgetbot.agency;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * What an admin sets on a request (PUT or a CSV row). A new request starts in the given
 * status; an existing one may only move along the legal transitions. Amounts are checked by
 * {@link Baht} before anything is stored.
 */
public record SubmissionUpdate(Integer fiscalYear, String title,
		@JsonDeserialize(using = Baht.Json.class) BigDecimal amountRequested, SubmissionStatus status,
		@JsonDeserialize(using = Baht.Json.class) BigDecimal allocatedAmount) {
}
