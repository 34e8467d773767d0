package th.or.dga.budgetbot.line;

import java.io.IOException;
import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Versions before the partitions kept the inbox in one stream, {@code line:inbox}. Events left
 * there by such a version (stopped with a backlog) are moved into the partitions, each once,
 * so that an upgrade loses nothing; the stream is deleted when empty.
 */
class LegacyInbox {

	private static final Logger log = LoggerFactory.getLogger(LegacyInbox.class);

	private static final int BATCH = 100;

	/** KEYS: legacy stream, partition, delivery state. ARGV: entry id, event, chat, timestamp, key, now (ms). */
	private static final RedisScript<Long> MOVE = RedisScript.of("""
			if #redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[1]) == 0 then return 0 end
			redis.call('XADD', KEYS[2], '*', 'event', ARGV[2], 'chat', ARGV[3], 'ts', ARGV[4], 'key', ARGV[5])
			redis.call('HSETNX', KEYS[3], 'queued', ARGV[6])
			redis.call('XDEL', KEYS[1], ARGV[1])
			return 1
			""", Long.class);

	private static final RedisScript<Long> DROP_IF_EMPTY = RedisScript.of("""
			if redis.call('XLEN', KEYS[1]) == 0 then return redis.call('DEL', KEYS[1]) end
			return 0
			""", Long.class);

	private final ObjectMapper json = new ObjectMapper();

	private final StringRedisTemplate redis;

	private final EventInbox inbox;

	private final Clock clock;

	LegacyInbox(StringRedisTemplate redis, EventInbox inbox, Clock clock) {
		this.redis = redis;
		this.inbox = inbox;
		this.clock = clock;
	}

	/** Moves a batch; returns true when nothing is left. */
	boolean moveAll() {
		if (!Boolean.TRUE.equals(redis.hasKey(EventInbox.LEGACY_STREAM))) {
			return true;
		}
		List<MapRecord<String, Object, Object>> records = redis.opsForStream()
			.range(EventInbox.LEGACY_STREAM, Range.unbounded(), Limit.limit().count(BATCH));
		int moved = 0;
		for (MapRecord<String, Object, Object> record : records == null ? List.<MapRecord<String, Object, Object>>of() : records) {
			Object event = record.getValue().get("event");
			String text = event == null ? "" : event.toString();
			JsonNode node = read(text);
			String key = WebhookEvents.key(node, text);
			JsonNode source = node.path("source");
			String chat = source.path("groupId").asText(source.path("roomId").asText(source.path("userId").asText("event:" + key)));
			Long done = redis.execute(MOVE,
					List.of(EventInbox.LEGACY_STREAM, inbox.partition(EventInbox.partitionOf(chat)), Deliveries.state(key)),
					record.getId().getValue(), text, chat, String.valueOf(node.path("timestamp").asLong(0)), key,
					String.valueOf(clock.millis()));
			moved += done == null ? 0 : done.intValue();
		}
		if (moved > 0) {
			log.info("Moved {} event(s) from the single inbox stream of an earlier version into the partitions", moved);
		}
		if (records == null || records.size() < BATCH) {
			redis.execute(DROP_IF_EMPTY, List.of(EventInbox.LEGACY_STREAM));
			return true;
		}
		return false;
	}

	private JsonNode read(String text) {
		try {
			JsonNode node = json.readTree(text);
			return node == null || !node.isObject() ? json.createObjectNode() : node;
		}
		catch (IOException e) {
			return json.createObjectNode();
		}
	}

}
