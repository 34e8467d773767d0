package th.or.dga.budgetbot.line;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import com.fasterxml.jackson.databind.JsonNode;

import th.or.dga.budgetbot.hashing.Sha256;

/**
 * Where accepted webhook events wait to be worked on: a Redis stream, so an event LINE got a
 * 200 for survives a crash or restart. Dedup and enqueue are one atomic script: an event is
 * either new and queued, or a duplicate and dropped, never marked seen without being queued.
 */
public class EventInbox {

	static final String STREAM = "line:inbox";

	static final String SEEN_PREFIX = "line:event-seen:";

	/** Stream length kept: worked-on entries are deleted; this only bounds a backlog. */
	private static final String MAX_LENGTH = "100000";

	private static final RedisScript<Long> ACCEPT = RedisScript.of("""
			if redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then
			  redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], '*', 'event', ARGV[2])
			  return 1
			end
			return 0
			""", Long.class);

	private final StringRedisTemplate redis;

	private final Duration dedupTtl;

	public EventInbox(StringRedisTemplate redis, Duration dedupTtl) {
		this.redis = redis;
		this.dedupTtl = dedupTtl;
	}

	/** Queues the event unless its id was seen; returns whether it was queued. */
	public boolean accept(JsonNode event) {
		String json = event.toString();
		Long queued = redis.execute(ACCEPT, List.of(SEEN_PREFIX + eventId(event, json), STREAM),
				String.valueOf(dedupTtl.toSeconds()), json, MAX_LENGTH);
		return queued != null && queued == 1L;
	}

	/**
	 * LINE's webhookEventId; events from before LINE had it (old SDK samples) are keyed by a
	 * hash of their content, which a redelivery repeats exactly.
	 */
	static String eventId(JsonNode event, String json) {
		JsonNode id = event.get("webhookEventId");
		if (id != null && id.isTextual() && !id.asText().isBlank()) {
			return id.asText();
		}
		return "sha256:" + Sha256.hex(json);
	}

}
