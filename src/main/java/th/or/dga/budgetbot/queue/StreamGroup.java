package th.or.dga.budgetbot.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.RedisStreamCommands.XClaimOptions;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.PendingMessage;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * One consumer group of one or more Redis streams (the same group name on each). An entry read
 * by a consumer stays in the group's pending list, and in the stream, until {@link #done}
 * acknowledges and deletes it in one step: so what a crashed consumer was working on is still
 * there for it, or another, to finish, and the stream's length is what is left to do.
 */
public final class StreamGroup {

	/** An entry as read: its stream, its id and its fields. */
	public record Entry(String stream, String id, Map<String, String> fields) {

		public String field(String name) {
			return fields.get(name);
		}

	}

	private static final RedisScript<Long> DONE = RedisScript.of("""
			redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
			return redis.call('XDEL', KEYS[1], ARGV[2])
			""", Long.class);

	private final StringRedisTemplate redis;

	private final String group;

	public StreamGroup(StringRedisTemplate redis, String group) {
		this.redis = redis;
		this.group = group;
	}

	public String name() {
		return group;
	}

	/** Creates the group on the stream (and the stream) unless it exists; safe to call from every instance. */
	public void create(String stream) {
		try {
			redis.opsForStream().createGroup(stream, ReadOffset.from("0"), group);
		}
		catch (RedisSystemException e) {
			if (!String.valueOf(e.getMostSpecificCause().getMessage()).contains("BUSYGROUP")) {
				throw e;
			}
		}
	}

	/** Entries never read by anyone in the group, at most {@code count} per stream; they become this consumer's. */
	public List<Entry> readNew(String consumer, int count, List<String> streams) {
		if (streams.isEmpty()) {
			return List.of();
		}
		@SuppressWarnings("unchecked")
		StreamOffset<String>[] offsets = streams.stream()
			.map(s -> StreamOffset.create(s, ReadOffset.lastConsumed()))
			.toArray(StreamOffset[]::new);
		return entries(redis.opsForStream().read(Consumer.from(group, consumer), StreamReadOptions.empty().count(count), offsets));
	}

	/** This consumer's own pending entries of one stream with ids after {@code afterId} ("0" for all), oldest first. */
	public List<Entry> readOwnPending(String consumer, String stream, String afterId, int count) {
		return entries(redis.opsForStream()
			.read(Consumer.from(group, consumer), StreamReadOptions.empty().count(count),
					StreamOffset.create(stream, ReadOffset.from(afterId))));
	}

	/**
	 * Makes pending entries of other consumers (those {@code others} accepts) that have been idle
	 * at least {@code minIdle} this consumer's, and returns them. Idle means nobody read or
	 * claimed them for that long: their consumer is gone, or has lost its right to them.
	 */
	public List<Entry> claim(String consumer, String stream, Duration minIdle, int count, Predicate<String> others) {
		List<RecordId> ids = new ArrayList<>();
		var summary = redis.opsForStream().pending(stream, group);
		if (summary == null || summary.getTotalPendingMessages() == 0) {
			return List.of();
		}
		// Per consumer, so that a long list of this consumer's own entries hides nobody else's.
		for (String owner : summary.getPendingMessagesPerConsumer().keySet()) {
			if (!others.test(owner)) {
				continue;
			}
			for (PendingMessage message : redis.opsForStream()
				.pending(stream, Consumer.from(group, owner), Range.unbounded(), count)) {
				if (ids.size() < count && message.getElapsedTimeSinceLastDelivery().compareTo(minIdle) >= 0) {
					ids.add(message.getId());
				}
			}
		}
		if (ids.isEmpty()) {
			return List.of();
		}
		return entries(redis.opsForStream()
			.claim(stream, group, consumer, XClaimOptions.minIdle(minIdle).ids(ids.toArray(RecordId[]::new))));
	}

	/**
	 * Makes every pending entry of the stream this consumer's, whoever had it: for a consumer
	 * that has just been given the stream (a lease) and so knows nobody else may be working on
	 * it. Returns how many it took.
	 */
	public int claimAll(String consumer, String stream) {
		int taken = 0;
		var summary = redis.opsForStream().pending(stream, group);
		if (summary == null || summary.getTotalPendingMessages() == 0) {
			return 0;
		}
		for (var perConsumer : summary.getPendingMessagesPerConsumer().entrySet()) {
			if (perConsumer.getKey().equals(consumer)) {
				continue;
			}
			while (true) {
				var pending = redis.opsForStream()
					.pending(stream, Consumer.from(group, perConsumer.getKey()), Range.unbounded(), 500);
				if (pending.isEmpty()) {
					break;
				}
				RecordId[] ids = pending.stream().map(PendingMessage::getId).toArray(RecordId[]::new);
				redis.opsForStream().claim(stream, group, consumer, XClaimOptions.minIdle(Duration.ZERO).ids(ids));
				taken += ids.length;
			}
		}
		return taken;
	}

	/** Consumers of the group on this stream with nothing pending, other than {@code keep}, are forgotten. */
	public void forgetIdleConsumers(String stream, String keep) {
		var consumers = redis.opsForStream().consumers(stream, group);
		consumers.forEach(info -> {
			if (!info.consumerName().equals(keep) && info.pendingCount() == 0) {
				redis.opsForStream().deleteConsumer(stream, Consumer.from(group, info.consumerName()));
			}
		});
	}

	/** Acknowledges and deletes the entry: it is finished, whoever holds it. */
	public void done(String stream, String id) {
		redis.execute(DONE, List.of(stream), group, id);
	}

	/** Entries in the stream: those waiting and those being worked on. */
	public long length(String stream) {
		Long size = redis.opsForStream().size(stream);
		return size == null ? 0 : size;
	}

	private static List<Entry> entries(List<MapRecord<String, Object, Object>> records) {
		if (records == null || records.isEmpty()) {
			return List.of();
		}
		List<Entry> entries = new ArrayList<>(records.size());
		for (MapRecord<String, Object, Object> record : records) {
			Map<String, String> fields = new LinkedHashMap<>();
			if (record.getValue() != null) {
				record.getValue().forEach((k, v) -> fields.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
			}
			entries.add(new Entry(record.getStream(), record.getId().getValue(), fields));
		}
		return entries;
	}

}
