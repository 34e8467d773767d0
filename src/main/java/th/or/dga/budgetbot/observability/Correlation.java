package th.or.dga.budgetbot.observability;

import java.util.regex.Pattern;

import org.slf4j.MDC;

/**
 * The keys that tie log lines to the work that caused them, in the MDC (and so in every JSON
 * log line, nested as ECS writes dotted keys): an HTTP request's id, or, off the request thread,
 * the LINE event or the notice being worked on.
 *
 * <pre>
 * try (var scope = Correlation.webhookEvent(event.webhookEventId())) {
 *     handle(event);
 * }
 * </pre>
 *
 * A value that is not short and plain (LINE's ids are 26 letters and digits, ours UUIDs) is
 * replaced by {@value #UNREADABLE}: it came from outside, and a log line is no place for a
 * megabyte of it.
 */
public final class Correlation {

	/** ECS's field for an HTTP request's id. */
	public static final String REQUEST_ID = "http.request.id";

	/** The {@code webhookEventId} of the LINE event an inbox worker handles. */
	public static final String WEBHOOK_EVENT_ID = "line.webhook_event_id";

	/** The notice a sender works on. */
	public static final String NOTICE_ID = "notice.id";

	static final String UNREADABLE = "unreadable";

	private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

	private Correlation() {
	}

	/** Until closed, the thread's log lines carry this LINE event's id. */
	public static Scope webhookEvent(String webhookEventId) {
		return put(WEBHOOK_EVENT_ID, webhookEventId);
	}

	/** Until closed, the thread's log lines carry this notice's id. */
	public static Scope notice(String noticeId) {
		return put(NOTICE_ID, noticeId);
	}

	static Scope request(String requestId) {
		return put(REQUEST_ID, requestId);
	}

	static boolean isSafe(String value) {
		return value != null && SAFE.matcher(value).matches();
	}

	/** Puts the key and, on close, restores what the thread had before (nothing, or an outer scope's value). */
	private static Scope put(String key, String value) {
		String previous = MDC.get(key);
		MDC.put(key, isSafe(value) ? value : UNREADABLE);
		return () -> {
			if (previous == null) {
				MDC.remove(key);
			}
			else {
				MDC.put(key, previous);
			}
		};
	}

	/** A correlation key in force; closing it takes it off the thread. */
	@FunctionalInterface
	public interface Scope extends AutoCloseable {

		@Override
		void close();

	}

}
