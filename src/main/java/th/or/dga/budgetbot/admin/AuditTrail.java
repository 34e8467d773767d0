package th.or.dga.budgetbot.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every admin write, and every lockout of a client address that guessed tokens: who (the
 * token's id and name, or the anonymous address), when, what, and the data before and after.
 * Append-only, in the Redis stream {@code admin:audit}, which keeps about the newest
 * {@code app.admin.audit-max-entries} entries (Redis trims whole stream nodes, so a few more).
 */
public class AuditTrail {

	static final String STREAM = "admin:audit";

	static final long DEFAULT_MAX_ENTRIES = 100_000;

	private final StringRedisTemplate redis;

	private final ObjectMapper json;

	private final Clock clock;

	private final XAddOptions trimmed;

	public AuditTrail(StringRedisTemplate redis, ObjectMapper json, Clock clock) {
		this(redis, json, clock, DEFAULT_MAX_ENTRIES);
	}

	public AuditTrail(StringRedisTemplate redis, ObjectMapper json, Clock clock, long maxEntries) {
		this.redis = redis;
		this.json = json;
		this.clock = clock;
		// XADD ... MAXLEN ~ n: trimming whole nodes costs next to nothing; an exact cap would not.
		this.trimmed = XAddOptions.maxlen(maxEntries).approximateTrimming(true);
	}

	/** Who did it: an admin token, or a client that has none (a locked-out address). */
	public static final class Actor {

		private final String description;

		private Actor(String description) {
			this.description = description;
		}

		public static Actor of(AdminToken token) {
			return new Actor(token.name() + " (" + token.id() + ")");
		}

		/** A client without a valid token, known only by its address. */
		public static Actor anonymous(String clientAddress) {
			return new Actor("anonymous (" + clientAddress + ")");
		}

		@Override
		public String toString() {
			return description;
		}

	}

	/** One recorded write. */
	public record Entry(String id, Instant at, String actor, String action, String target, JsonNode before, JsonNode after) {
	}

	public void record(AdminToken actor, String action, String target, Object before, Object after) {
		record(Actor.of(actor), action, target, before, after);
	}

	public void record(Actor actor, String action, String target, Object before, Object after) {
		Map<String, String> fields = Map.of("at", clock.instant().toString(), "actor", actor.description, "action", action,
				"target", target, "before", write(before), "after", write(after));
		redis.opsForStream().add(StreamRecords.newRecord().in(STREAM).ofMap(fields), trimmed);
	}

	/** The newest entries first. */
	public List<Entry> latest(int count) {
		List<MapRecord<String, Object, Object>> records = redis.opsForStream()
			.reverseRange(STREAM, Range.unbounded(), Limit.limit().count(count));
		return records == null ? List.of() : records.stream().map(this::entry).toList();
	}

	private Entry entry(MapRecord<String, Object, Object> record) {
		Map<Object, Object> v = record.getValue();
		return new Entry(record.getId().getValue(), Instant.parse(String.valueOf(v.get("at"))), String.valueOf(v.get("actor")),
				String.valueOf(v.get("action")), String.valueOf(v.get("target")), read(v.get("before")), read(v.get("after")));
	}

	private String write(Object value) {
		try {
			return json.writeValueAsString(value);
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
	}

	private JsonNode read(Object value) {
		try {
			return json.readTree(String.valueOf(value));
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
	}

}
