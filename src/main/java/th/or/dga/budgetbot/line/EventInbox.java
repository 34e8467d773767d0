package th.or.dga.budgetbot.line;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Where accepted webhook events wait to be answered: {@value #PARTITIONS} Redis streams
 * ({@code line:inbox:<n>}), an event going to the one its chat hashes to, so that an event LINE
 * got a 200 for survives a crash or restart, and one chat's events are in one stream, in order.
 * A webhook's events are taken in one atomic script: each is either new (its webhookEventId
 * marked seen, the event queued, its delivery state begun) or a duplicate and dropped, never
 * marked seen without being queued; and if the inbox already holds {@code maxDepth} events,
 * none is taken and the webhook is answered 503 so that LINE sends it again later. Nothing is
 * ever trimmed: an entry leaves its stream only when it is finished.
 */
public class EventInbox {

	/**
	 * The number of partitions. Part of the data's layout: a chat's events are found by it, so
	 * it is fixed here rather than configured, and every instance agrees on it.
	 */
	static final int PARTITIONS = 16;

	static final String PREFIX = "line:inbox";

	static final String GROUP = "bot";

	static final String SEEN_PREFIX = "line:event-seen:";

	static final String DELIVERY_PREFIX = "line:delivery:";

	/** The single stream of versions before partitions; its entries are moved over at start. */
	static final String LEGACY_STREAM = "line:inbox";

	/**
	 * KEYS: the partitions, then per event its seen key and its delivery key. ARGV: dedup TTL
	 * (s), max depth, now (ms), then per event: partition (1-based), event JSON, chat, timestamp,
	 * key. Returns {-1, depth} when full, else {1, then 1 (queued) or 0 (duplicate) per event}.
	 */
	private static final RedisScript<List> ACCEPT = RedisScript.of("""
			local p = %d
			local depth = 0
			for i = 1, p do depth = depth + redis.call('XLEN', KEYS[i]) end
			local n = (#KEYS - p) / 2
			if n > 0 and depth >= tonumber(ARGV[2]) then return {-1, depth} end
			local result = {1}
			for i = 1, n do
			  local a = 3 + (i - 1) * 5
			  if redis.call('SET', KEYS[p + i], '1', 'NX', 'EX', ARGV[1]) then
			    redis.call('XADD', KEYS[tonumber(ARGV[a + 1])], '*', 'event', ARGV[a + 2], 'chat', ARGV[a + 3], 'ts', ARGV[a + 4],
			      'key', ARGV[a + 5])
			    redis.call('HSET', KEYS[p + n + i], 'queued', ARGV[3])
			    result[i + 1] = 1
			  else
			    result[i + 1] = 0
			  end
			end
			return result
			""".formatted(PARTITIONS), List.class);

	/** KEYS: the partitions, then the dead letters. Returns {waiting, oldest entry's ms or 0, dead letters}. */
	private static final RedisScript<List> SNAPSHOT = RedisScript.of("""
			local p = %d
			local depth, oldest = 0, 0
			for i = 1, p do
			  depth = depth + redis.call('XLEN', KEYS[i])
			  local first = redis.call('XRANGE', KEYS[i], '-', '+', 'COUNT', 1)[1]
			  if first then
			    local ms = tonumber(string.match(first[1], '^(%%d+)'))
			    if oldest == 0 or ms < oldest then oldest = ms end
			  end
			end
			return {depth, oldest, redis.call('XLEN', KEYS[p + 1])}
			""".formatted(PARTITIONS), List.class);

	/** What became of a webhook's events. */
	record Acceptance(boolean full, List<Boolean> queued) {
	}

	/**
	 * The inbox at a moment.
	 *
	 * @param waiting events not finished (waiting or being worked on)
	 * @param oldestAge how long the oldest of them has waited, zero if none
	 * @param deadLetters entries in the dead-letter stream
	 */
	record Snapshot(long waiting, Duration oldestAge, long deadLetters) {
	}

	private final StringRedisTemplate redis;

	private final Duration dedupTtl;

	private final long maxDepth;

	private final Clock clock;

	private final List<String> partitions;

	public EventInbox(StringRedisTemplate redis, Duration dedupTtl, long maxDepth, Clock clock) {
		this.redis = redis;
		this.dedupTtl = dedupTtl;
		this.maxDepth = maxDepth;
		this.clock = clock;
		List<String> names = new ArrayList<>(PARTITIONS);
		for (int i = 0; i < PARTITIONS; i++) {
			names.add(PREFIX + ":" + i);
		}
		this.partitions = List.copyOf(names);
	}

	/** Queues the new ones of a webhook's events, all or none; see the class comment. */
	Acceptance accept(List<InboxEvent> events) {
		List<String> keys = new ArrayList<>(partitions);
		List<String> args = new ArrayList<>();
		args.add(String.valueOf(dedupTtl.toSeconds()));
		args.add(String.valueOf(maxDepth));
		args.add(String.valueOf(clock.millis()));
		for (InboxEvent event : events) {
			keys.add(SEEN_PREFIX + event.key());
		}
		for (InboxEvent event : events) {
			keys.add(DELIVERY_PREFIX + event.key());
			args.add(String.valueOf(partitionOf(event.chat()) + 1));
			args.add(event.json());
			args.add(event.chat());
			args.add(String.valueOf(event.timestamp()));
			args.add(event.key());
		}
		List<?> result = redis.execute(ACCEPT, keys, args.toArray());
		if (((Number) result.get(0)).longValue() < 0) {
			return new Acceptance(true, List.of());
		}
		List<Boolean> queued = new ArrayList<>(events.size());
		for (int i = 1; i < result.size(); i++) {
			queued.add(((Number) result.get(i)).longValue() == 1);
		}
		return new Acceptance(false, queued);
	}

	/** The partition a chat's events go to: the same on every instance and every start. */
	static int partitionOf(String chat) {
		CRC32 crc = new CRC32();
		crc.update(chat.getBytes(StandardCharsets.UTF_8));
		return (int) (crc.getValue() % PARTITIONS);
	}

	List<String> partitions() {
		return partitions;
	}

	String partition(int index) {
		return partitions.get(index);
	}

	Snapshot snapshot() {
		List<String> keys = new ArrayList<>(partitions);
		keys.add(DeadLetters.STREAM);
		List<?> result = redis.execute(SNAPSHOT, keys);
		long oldest = ((Number) result.get(1)).longValue();
		Duration age = oldest == 0 ? Duration.ZERO : Duration.ofMillis(Math.max(0, System.currentTimeMillis() - oldest));
		return new Snapshot(((Number) result.get(0)).longValue(), age, ((Number) result.get(2)).longValue());
	}

	/** Nothing waiting and nothing being worked on: every event accepted so far is finished. */
	public boolean isDrained() {
		return snapshot().waiting() == 0;
	}

}
