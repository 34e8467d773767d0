package th.or.dga.budgetbot.line;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Events that could not be answered for a reason that is not passing (a bug, an unreadable
 * event, LINE refusing what was sent): one stream, {@code line:inbox:dead-letters}, with what
 * is needed to find out why (the error, the tries, when) and nothing that says what was asked
 * (no text, the user only as a keyed hash). Moving an event here finishes it in the inbox in
 * the same step, so the events behind it go on. Bounded by a cap and a retention, checked at
 * each addition; what the cap drops is counted ({@code bot.inbox.dead.letters.dropped}) and
 * logged, as it was never looked at.
 */
class DeadLetters {

	private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

	static final String STREAM = "line:inbox:dead-letters";

	/**
	 * KEYS: dead letters, partition, state, lock. ARGV: cap, retention (ms), group, entry id,
	 * then the dead letter's fields. Returns {dropped by the cap, dropped for age}.
	 */
	private static final RedisScript<List> BURY = RedisScript.of("""
			redis.call('XADD', KEYS[1], '*', unpack(ARGV, 5))
			local capped = redis.call('XTRIM', KEYS[1], 'MAXLEN', ARGV[1])
			local time = redis.call('TIME')
			local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
			local aged = redis.call('XTRIM', KEYS[1], 'MINID', tostring(now - tonumber(ARGV[2])))
			redis.call('XACK', KEYS[2], ARGV[3], ARGV[4])
			redis.call('XDEL', KEYS[2], ARGV[4])
			redis.call('DEL', KEYS[3], KEYS[4])
			return {capped, aged}
			""", List.class);

	/**
	 * One dead letter as the admin API shows it.
	 *
	 * @param webhookEventId LINE's id of the event, null if it had none or could not be read
	 * @param type LINE's event type, or {@code other}
	 * @param user the keyed hash of the LINE user, null if none
	 * @param firstFailure when it first failed, null if it failed only once (then {@code lastFailure})
	 */
	record DeadLetter(String id, String webhookEventId, String type, String user, String error, int tries,
			Instant firstFailure, Instant lastFailure) {
	}

	private final StringRedisTemplate redis;

	private final int cap;

	private final Duration retention;

	private final MeterRegistry meters;

	DeadLetters(StringRedisTemplate redis, int cap, Duration retention, MeterRegistry meters) {
		this.redis = redis;
		this.cap = cap;
		this.retention = retention;
		this.meters = meters;
	}

	/** Moves the entry here and finishes it in the inbox. */
	void bury(InboxEntry entry, DeadLetter letter) {
		List<String> args = new ArrayList<>(List.of(String.valueOf(cap), String.valueOf(retention.toMillis()), EventInbox.GROUP,
				entry.id()));
		add(args, "webhookEventId", letter.webhookEventId());
		add(args, "type", letter.type());
		add(args, "user", letter.user());
		add(args, "error", letter.error());
		add(args, "tries", String.valueOf(letter.tries()));
		add(args, "firstFailure", letter.firstFailure() == null ? null : letter.firstFailure().toString());
		add(args, "lastFailure", letter.lastFailure().toString());
		List<?> dropped = redis.execute(BURY,
				List.of(STREAM, entry.stream(), Deliveries.state(entry.key()), Deliveries.lock(entry.key())), args.toArray());
		long capped = ((Number) dropped.get(0)).longValue();
		if (capped > 0) {
			meters.counter("bot.inbox.dead.letters.dropped").increment(capped);
			log.warn("The dead-letter stream is at its cap of {} (app.line.dead-letter-cap): dropped the {} oldest", cap, capped);
		}
	}

	private static void add(List<String> args, String field, String value) {
		if (value != null) {
			args.add(field);
			args.add(value);
		}
	}

	/** The newest first, at most {@code limit}. */
	List<DeadLetter> newest(int limit) {
		List<MapRecord<String, Object, Object>> records = redis.opsForStream()
			.reverseRange(STREAM, Range.unbounded(), Limit.limit().count(limit));
		List<DeadLetter> letters = new ArrayList<>();
		if (records != null) {
			for (MapRecord<String, Object, Object> record : records) {
				letters.add(letter(record.getId().getValue(), record.getValue()));
			}
		}
		return letters;
	}

	private static DeadLetter letter(String id, Map<Object, Object> fields) {
		return new DeadLetter(id, text(fields, "webhookEventId"), text(fields, "type"), text(fields, "user"),
				text(fields, "error"), (int) number(text(fields, "tries")), instant(text(fields, "firstFailure")),
				instant(text(fields, "lastFailure")));
	}

	private static String text(Map<Object, Object> fields, String name) {
		Object value = fields.get(name);
		return value == null ? null : value.toString();
	}

	private static long number(String value) {
		try {
			return value == null ? 0 : Long.parseLong(value);
		}
		catch (NumberFormatException e) {
			return 0;
		}
	}

	private static Instant instant(String value) {
		try {
			return value == null ? null : Instant.parse(value);
		}
		catch (RuntimeException e) {
			return null;
		}
	}

}
