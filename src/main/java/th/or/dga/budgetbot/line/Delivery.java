package th.or.dga.budgetbot.line;

import java.util.List;
import java.util.Map;

/**
 * What is known about answering one event, kept in Redis beside it until it is finished
 * ({@code line:delivery:<key>}).
 *
 * @param answer the answer worked out for it (JSON of {@link PreparedAnswer}), or null if not yet
 * @param replyUnknown a reply attempt reached LINE, or may have, and its outcome is unknown
 *     (a 5xx, no answer in time, or a crash while it was out)
 * @param pushUnknown the same for a push
 * @param pushSince when the first push was sent (epoch ms), 0 if none
 * @param queued when the event was queued (epoch ms)
 * @param tries failures that were not LINE's answer (a bug, an unreadable event)
 * @param error the last such failure
 * @param firstFailure when the first such failure happened (epoch ms), 0 if none
 */
record Delivery(String answer, boolean replyUnknown, boolean pushUnknown, long pushSince, long queued, int tries,
		String error, long firstFailure) {

	static final String ANSWER = "answer";

	static final String INFLIGHT = "inflight";

	static final String UNKNOWN = "unknown-";

	static final String TRIES = "tries";

	static final String ERROR = "error";

	static final String FIRST_FAILURE = "first-failure";

	static final String LAST_FAILURE = "last-failure";

	static final String QUEUED = "queued";

	/** An attempt goes out as one of these; {@code inflight} names it while it is out. */
	enum Channel {

		REPLY, PUSH;

		String field() {
			return name().toLowerCase();
		}

	}

	Delivery withReplyUnknown(boolean unknown) {
		return new Delivery(answer, unknown, pushUnknown, pushSince, queued, tries, error, firstFailure);
	}

	static Delivery of(List<?> flat) {
		Map<String, String> fields = new java.util.HashMap<>();
		for (int i = 0; i + 1 < flat.size(); i += 2) {
			fields.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
		}
		return new Delivery(fields.get(ANSWER), fields.containsKey(UNKNOWN + "reply"), fields.containsKey(UNKNOWN + "push"),
				number(fields.get("push-since")), number(fields.get(QUEUED)), (int) number(fields.get(TRIES)), fields.get(ERROR),
				number(fields.get(FIRST_FAILURE)));
	}

	private static long number(String value) {
		try {
			return value == null ? 0 : Long.parseLong(value);
		}
		catch (NumberFormatException e) {
			return 0;
		}
	}

}
