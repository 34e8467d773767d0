package th.or.dga.budgetbot.line;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import th.or.dga.budgetbot.line.Delivery.Channel;

/**
 * The delivery state of the events in the inbox ({@link Delivery}), changed only by atomic
 * steps. An attempt to answer an event begins by taking the event's lock, so that two
 * instances (one paused past its lease, one that took over) never work on it at once; an
 * attempt still marked "in flight" when the next begins was cut short (a crash, a kill) after
 * it may have reached LINE, so its outcome counts as unknown.
 */
class Deliveries {

	static final String LOCK_PREFIX = "line:delivery-lock:";

	/** A begun attempt: the state, or why there is none to make. */
	sealed interface Begun {

		/** The event is finished (its state is gone): nothing to do. */
		record Gone() implements Begun {
		}

		/** Another attempt at it is under way right now. */
		record Busy() implements Begun {
		}

		record Started(Delivery delivery) implements Begun {
		}

	}

	/**
	 * KEYS: state, lock, partition. ARGV: holder, lock TTL (ms), entry id, now (ms). An entry
	 * without state is finished if it is gone from its stream too; if it is there (an entry the
	 * inbox did not write, or state lost), it gets a state and is answered like any other.
	 */
	private static final RedisScript<List> BEGIN = RedisScript.of("""
			if redis.call('EXISTS', KEYS[1]) == 0 then
			  if #redis.call('XRANGE', KEYS[3], ARGV[3], ARGV[3]) == 0 then return {'gone'} end
			  redis.call('HSET', KEYS[1], 'queued', ARGV[4])
			end
			if not redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return {'busy'} end
			local inflight = redis.call('HGET', KEYS[1], 'inflight')
			if inflight then
			  redis.call('HSET', KEYS[1], 'unknown-' .. inflight, '1')
			  redis.call('HDEL', KEYS[1], 'inflight')
			end
			local all = redis.call('HGETALL', KEYS[1])
			table.insert(all, 1, 'ok')
			return all
			""", List.class);

	/**
	 * KEYS: state. ARGV: channel, answer ('' to keep the stored one), now (ms). Marks the
	 * attempt in flight before it is sent; returns {attempt number on this channel, answer}.
	 */
	private static final RedisScript<List> SEND = RedisScript.of("""
			if ARGV[2] ~= '' then redis.call('HSETNX', KEYS[1], 'answer', ARGV[2]) end
			redis.call('HSET', KEYS[1], 'inflight', ARGV[1])
			redis.call('HSETNX', KEYS[1], ARGV[1] .. '-since', ARGV[3])
			local n = redis.call('HINCRBY', KEYS[1], ARGV[1] .. '-attempts', 1)
			return {n, redis.call('HGET', KEYS[1], 'answer')}
			""", List.class);

	/**
	 * KEYS: state, lock. ARGV: holder, 'unknown-<channel>' to set or ''. The attempt is over and
	 * its outcome recorded.
	 */
	private static final RedisScript<Long> SETTLE = RedisScript.of("""
			if redis.call('EXISTS', KEYS[1]) == 1 then
			  redis.call('HDEL', KEYS[1], 'inflight')
			  if ARGV[2] ~= '' then redis.call('HSET', KEYS[1], ARGV[2], '1') end
			end
			if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
			return 1
			""", Long.class);

	/**
	 * KEYS: state, lock. ARGV: holder, error, now (ms). Returns the tries so far. An attempt
	 * that failed while in flight stays in flight: whether it reached LINE is unknown.
	 */
	private static final RedisScript<Long> FAIL = RedisScript.of("""
			if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
			local tries = redis.call('HINCRBY', KEYS[1], 'tries', 1)
			redis.call('HSET', KEYS[1], 'error', ARGV[2], 'last-failure', ARGV[3])
			redis.call('HSETNX', KEYS[1], 'first-failure', ARGV[3])
			if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
			return tries
			""", Long.class);

	private static final RedisScript<Long> UNLOCK = RedisScript.of("""
			if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
			return 0
			""", Long.class);

	private final StringRedisTemplate redis;

	private final String holder;

	private final Duration lockTtl;

	/**
	 * @param lockTtl longer than an attempt can take (the LINE time-out and some): a lock left by
	 *     a crash frees the event after this
	 */
	Deliveries(StringRedisTemplate redis, String holder, Duration lockTtl) {
		this.redis = redis;
		this.holder = holder;
		this.lockTtl = lockTtl;
	}

	Begun begin(InboxEntry entry, long now) {
		String key = entry.key();
		List<?> result = redis.execute(BEGIN, List.of(state(key), lock(key), entry.stream()), holder,
				String.valueOf(lockTtl.toMillis()), entry.id(), String.valueOf(now));
		String status = String.valueOf(result.get(0));
		if ("gone".equals(status)) {
			return new Begun.Gone();
		}
		if ("busy".equals(status)) {
			return new Begun.Busy();
		}
		return new Begun.Started(Delivery.of(result.subList(1, result.size())));
	}

	/** What a {@link #sending} returned: the attempt's number on its channel and the answer to send. */
	record Sending(int attempt, String answer) {
	}

	/** Marks an attempt in flight (storing the answer first if it is new) just before it goes out. */
	Sending sending(String key, Channel channel, Optional<String> newAnswer, long now) {
		List<?> result = redis.execute(SEND, List.of(state(key)), channel.field(), newAnswer.orElse(""), String.valueOf(now));
		return new Sending(((Number) result.get(0)).intValue(), String.valueOf(result.get(1)));
	}

	/** The attempt's outcome is known and it is not the end: no longer in flight, unknown if LINE may have it. */
	void settle(String key, Channel channel, boolean unknown) {
		redis.execute(SETTLE, List.of(state(key), lock(key)), holder, unknown ? Delivery.UNKNOWN + channel.field() : "");
	}

	/** An attempt failed for a reason that is not LINE's answer; returns the tries so far. */
	int failed(String key, String error, long now) {
		Long tries = redis.execute(FAIL, List.of(state(key), lock(key)), holder, error, String.valueOf(now));
		return tries == null ? 0 : tries.intValue();
	}

	private static final RedisScript<Long> NOT_SENT = RedisScript.of("""
			return redis.call('HDEL', KEYS[1], ARGV[1])
			""", Long.class);

	/**
	 * The attempt marked in flight on this channel was never sent (the marking's own call failed,
	 * so nothing went to LINE): its "unknown" mark, made from the in-flight one by {@link #begin},
	 * is taken back.
	 */
	void neverSent(String key, Channel channel) {
		redis.execute(NOT_SENT, List.of(state(key)), Delivery.UNKNOWN + channel.field());
	}

	/** Lets go of the event without recording anything (the attempt did not start). */
	void unlock(String key) {
		redis.execute(UNLOCK, List.of(lock(key)), holder);
	}

	static String state(String key) {
		return EventInbox.DELIVERY_PREFIX + key;
	}

	static String lock(String key) {
		return LOCK_PREFIX + key;
	}

	/**
	 * KEYS: partition, state, lock. ARGV: group, entry id. The event is finished: its entry
	 * acknowledged and deleted, its state and lock gone, in one step.
	 */
	private static final RedisScript<Long> FINISH = RedisScript.of("""
			redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
			redis.call('XDEL', KEYS[1], ARGV[2])
			redis.call('DEL', KEYS[2], KEYS[3])
			return 1
			""", Long.class);

	/** The event needs nothing more: answered, presumed answered, or nothing to answer. */
	void finish(InboxEntry entry) {
		redis.execute(FINISH, List.of(entry.stream(), state(entry.key()), lock(entry.key())), EventInbox.GROUP, entry.id());
	}

}
