package th.or.dga.budgetbot.agency;

import java.time.Instant;

/** One step of a request's status history: who moved it from what to what, and when. */
public record StatusChange(SubmissionStatus from, SubmissionStatus to, Instant at, String by) {
}
