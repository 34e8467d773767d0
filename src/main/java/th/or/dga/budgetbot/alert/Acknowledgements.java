package th.or.dga.budgetbot.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Alerts that wait for an agency's รับทราบ, in Redis: {@code alert:ack:<token>} (agency, notice,
 * text, sent, due, and once it happens who acknowledged (a keyed hash) and when, or when it was
 * resent), {@code alert:ack:open} (token by when it is due) and {@code alert:ack:unacknowledged}
 * (token by when it was sent, once resent and still not acknowledged).
 */
class Acknowledgements {

	static final String OPEN = "alert:ack:open";

	static final String UNACKNOWLEDGED = "alert:ack:unacknowledged";

	/** KEYS: record, open. ARGV: token, agency, notice, text, sentAt, dueAt (ms), TTL (s). Idempotent. */
	private static final RedisScript<Long> OPEN_SCRIPT = RedisScript.of("""
			if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
			redis.call('HSET', KEYS[1], 'agency', ARGV[2], 'notice', ARGV[3], 'text', ARGV[4], 'sentAt', ARGV[5])
			redis.call('EXPIRE', KEYS[1], ARGV[7])
			redis.call('ZADD', KEYS[2], ARGV[6], ARGV[1])
			return 1
			""", Long.class);

	/**
	 * KEYS: record, open, unacknowledged. ARGV: token, now (ISO), who (keyed hash). Returns -1 if
	 * unknown, 0 if acknowledged before, 1 if now.
	 */
	private static final RedisScript<Long> ACKNOWLEDGE = RedisScript.of("""
			if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
			if redis.call('HEXISTS', KEYS[1], 'acknowledgedAt') == 1 then return 0 end
			redis.call('HSET', KEYS[1], 'acknowledgedAt', ARGV[2], 'acknowledgedBy', ARGV[3])
			redis.call('ZREM', KEYS[2], ARGV[1])
			redis.call('ZREM', KEYS[3], ARGV[1])
			return 1
			""", Long.class);

	/**
	 * Marks an alert resent and lists it as unacknowledged, unless it was acknowledged meanwhile.
	 * KEYS: record, open, unacknowledged. ARGV: token, now (ISO), sentAt (ms).
	 */
	private static final RedisScript<Long> RESENT = RedisScript.of("""
			redis.call('ZREM', KEYS[2], ARGV[1])
			if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('HEXISTS', KEYS[1], 'acknowledgedAt') == 1 then return 0 end
			redis.call('HSETNX', KEYS[1], 'resentAt', ARGV[2])
			redis.call('ZADD', KEYS[3], 'NX', ARGV[3], ARGV[1])
			return 1
			""", Long.class);

	private final StringRedisTemplate redis;

	Acknowledgements(StringRedisTemplate redis) {
		this.redis = redis;
	}

	/** An alert as stored. */
	record Alert(String token, String agency, String notice, String text, Instant sentAt, Instant resentAt,
			Instant acknowledgedAt, String acknowledgedBy) {
	}

	void open(String token, String agency, String notice, String text, Instant sentAt, Instant dueAt, Duration retention) {
		redis.execute(OPEN_SCRIPT, List.of(key(token), OPEN), token, agency, notice, text, sentAt.toString(),
				String.valueOf(dueAt.toEpochMilli()), String.valueOf(retention.toSeconds()));
	}

	Optional<Alert> find(String token) {
		Map<String, String> h = redis.<String, String>opsForHash().entries(key(token));
		if (h.isEmpty() || h.get("agency") == null) {
			return Optional.empty();
		}
		return Optional.of(new Alert(token, h.get("agency"), h.get("notice"), h.get("text"), instant(h.get("sentAt")),
				instant(h.get("resentAt")), instant(h.get("acknowledgedAt")), h.get("acknowledgedBy")));
	}

	long acknowledge(String token, Instant now, String who) {
		Long result = redis.execute(ACKNOWLEDGE, List.of(key(token), OPEN, UNACKNOWLEDGED), token, now.toString(), who);
		return result == null ? -1 : result;
	}

	/** Tokens of alerts due by {@code now}, at most {@code count}. */
	Set<String> due(Instant now, int count) {
		Set<String> tokens = redis.opsForZSet().rangeByScore(OPEN, 0, now.toEpochMilli(), 0, count);
		return tokens == null ? Set.of() : tokens;
	}

	boolean resent(Alert alert, Instant now) {
		Long result = redis.execute(RESENT, List.of(key(alert.token()), OPEN, UNACKNOWLEDGED), alert.token(), now.toString(),
				String.valueOf(alert.sentAt().toEpochMilli()));
		return result != null && result == 1;
	}

	/** Unacknowledged alerts, oldest first; those whose record expired leave the list. */
	List<Alert> unacknowledged(int count) {
		Set<String> tokens = redis.opsForZSet().range(UNACKNOWLEDGED, 0, count - 1);
		if (tokens == null) {
			return List.of();
		}
		return tokens.stream().map(token -> {
			Optional<Alert> alert = find(token);
			if (alert.isEmpty()) {
				redis.opsForZSet().remove(UNACKNOWLEDGED, token);
			}
			return alert;
		}).flatMap(Optional::stream).toList();
	}

	/** Forgets an alert that is due but no longer stored. */
	void drop(String token) {
		redis.opsForZSet().remove(OPEN, token);
	}

	private static Instant instant(String value) {
		return value == null || value.isEmpty() ? null : Instant.parse(value);
	}

	private static String key(String token) {
		return "alert:ack:" + token;
	}

}
