package th.or.dga.budgetbot.notice;

import java.time.Instant;
import java.util.List;

/**
 * Where a notice stands: its status and the counts an officer needs to see what went out.
 *
 * @param startAt when it starts (its time, moved to the end of quiet hours if it fell in them)
 * @param deferredByQuietHours whether quiet hours moved the start
 * @param recipients the users the audience resolved to (for {@code all}: the known followers)
 * @param sent recipients in batches LINE accepted (which is not delivery: blocked users count)
 * @param failed recipients in batches LINE refused, with {@code failures} saying why
 * @param skipped recipients left out: opted out or no longer following
 * @param retries requests sent again after a 5xx, a time-out or a rate limit
 */
public record NoticeProgress(NoticeStatus status, Instant startAt, boolean deferredByQuietHours, long recipients,
		long batches, long sent, long failed, Skipped skipped, long retries, Instant startedAt, Instant finishedAt,
		String approvedBy, Instant approvedAt, String cancelledBy, Instant cancelledAt, List<Failure> failures) {

	/** Recipients left out, by reason. */
	public record Skipped(long optedOut, long unfollowed) {

		public long total() {
			return optedOut + unfollowed;
		}

	}

	/** A batch LINE refused for good, as LINE said it. */
	public record Failure(int batch, int recipients, int status, String requestId, String message, Instant at) {
	}

}
