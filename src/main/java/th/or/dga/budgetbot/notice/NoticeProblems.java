package th.or.dga.budgetbot.notice;

import java.util.List;

/** What can go wrong with a notice request, each named after what happened, with what to do. */
final class NoticeProblems {

	private NoticeProblems() {
	}

	/** The request breaks one or more rules; nothing was stored. */
	static class InvalidNotice extends RuntimeException {

		final List<String> errors;

		InvalidNotice(List<String> errors) {
			super(String.join("; ", errors));
			this.errors = List.copyOf(errors);
		}

	}

	static class IdempotencyKeyMissing extends RuntimeException {

		IdempotencyKeyMissing() {
			super("Idempotency-Key: required, a unique value per notice (e.g. a UUID) of at most 200 characters, "
					+ "so that a repeated request sends nothing twice");
		}

	}

	static class IdempotencyKeyReused extends RuntimeException {

		final String noticeId;

		IdempotencyKeyReused(String noticeId) {
			super("Idempotency-Key: already used for notice " + noticeId
					+ " with a different request; use a new key for a new notice");
			this.noticeId = noticeId;
		}

	}

	static class NoticeNotFound extends RuntimeException {

		NoticeNotFound(String id) {
			super("no notice with id '" + id + "'");
		}

	}

	/** The notice is not in a status that allows this. */
	static class NoticeStatusConflict extends RuntimeException {

		NoticeStatusConflict(String id, NoticeStatus status, String what) {
			super("notice " + id + " is " + status + ": " + what);
		}

	}

	static class OwnNoticeApproval extends RuntimeException {

		OwnNoticeApproval() {
			super("the author of a notice cannot approve it: a second admin with notice:approve must");
		}

	}

	static class OverQuota extends RuntimeException {

		final long cost;

		final long remaining;

		OverQuota(long cost, long remaining) {
			super("this notice costs " + cost + " messages of the monthly quota and " + remaining
					+ " remain; send it anyway with \"overQuota\": \"send\", or narrow the audience");
			this.cost = cost;
			this.remaining = remaining;
		}

	}

}
