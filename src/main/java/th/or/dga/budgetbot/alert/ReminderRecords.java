package th.or.dga.budgetbot.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * What became of each deadline reminder, in Redis: {@code alert:reminder:sent:<year>:<offset>}
 * (handed to the notices, when) and {@code alert:reminder:skipped:<year>:<offset>} (why not, when,
 * and the time it was due then), indexed by {@code alert:reminder:skipped} (name by when). Both
 * expire with {@code app.alerts.retention}.
 */
class ReminderRecords {

	static final String SKIPPED = "alert:reminder:skipped";

	private final StringRedisTemplate redis;

	private final Duration retention;

	ReminderRecords(StringRedisTemplate redis, Duration retention) {
		this.redis = redis;
		this.retention = retention;
	}

	/** A reminder as skipped, for the admin API. */
	record Skipped(int year, String offset, String reason, Instant at, Instant due) {
	}

	boolean sent(Reminder reminder) {
		return Boolean.TRUE.equals(redis.hasKey(sentKey(reminder)));
	}

	void markSent(Reminder reminder, Instant at) {
		redis.opsForValue().set(sentKey(reminder), at.toString(), retention);
	}

	/** Whether the reminder was skipped already while due at {@code due} (a moved deadline is a new question). */
	boolean skipped(Reminder reminder, Instant due) {
		Object recorded = redis.opsForHash().get(skippedKey(reminder), "due");
		return recorded != null && recorded.toString().equals(due == null ? "" : due.toString());
	}

	void skip(Reminder reminder, Instant due, String reason, Instant at) {
		String key = skippedKey(reminder);
		redis.opsForHash().putAll(key, Map.of("year", Integer.toString(reminder.year()), "offset", reminder.offsetText(),
				"reason", reason, "at", at.toString(), "due", due == null ? "" : due.toString()));
		redis.expire(key, retention);
		redis.opsForZSet().add(SKIPPED, reminder.name(), at.toEpochMilli());
	}

	Optional<Skipped> skippedRecord(Reminder reminder) {
		return read(skippedKey(reminder));
	}

	/** Skipped reminders, newest first; those whose record expired leave the index. */
	List<Skipped> skipped(int count) {
		Set<String> names = redis.opsForZSet().reverseRange(SKIPPED, 0, count - 1);
		List<Skipped> result = new ArrayList<>();
		if (names == null) {
			return result;
		}
		for (String name : names) {
			Optional<Skipped> skipped = read("alert:reminder:skipped:" + name);
			if (skipped.isEmpty()) {
				redis.opsForZSet().remove(SKIPPED, name);
			}
			skipped.ifPresent(result::add);
		}
		return result;
	}

	private Optional<Skipped> read(String key) {
		Map<String, String> h = redis.<String, String>opsForHash().entries(key);
		if (h.isEmpty() || h.get("reason") == null) {
			return Optional.empty();
		}
		String due = h.get("due");
		return Optional.of(new Skipped(Integer.parseInt(h.get("year")), h.get("offset"), h.get("reason"),
				Instant.parse(h.get("at")), due == null || due.isEmpty() ? null : Instant.parse(due)));
	}

	private static String sentKey(Reminder reminder) {
		return "alert:reminder:sent:" + reminder.name();
	}

	private static String skippedKey(Reminder reminder) {
		return "alert:reminder:skipped:" + reminder.name();
	}

}
