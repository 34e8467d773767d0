package th.or.dga.budgetbot.calendar;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import th.or.dga.budgetbot.store.JsonValues;

/**
 * The calendar's years in the Redis hash {@code calendar:years} (field: the B.E. year, value:
 * the year as JSON). Read on every question rather than cached: one HGET costs far less than
 * answering, and every instance sharing the Redis sees an admin's change at once, with no
 * invalidation message to lose.
 */
class RedisFiscalYears implements FiscalYearCalendar {

	static final String KEY = "calendar:years";

	/** Replaces a year and returns what it was, in one step, so the audit's "before" is the real one. */
	private static final RedisScript<String> REPLACE = RedisScript.of("""
			local before = redis.call('HGET', KEYS[1], ARGV[1])
			redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
			return before
			""", String.class);

	/** Our own mapper: what is stored must not change with the app's JSON settings. */
	private static final ObjectMapper JSON = JsonMapper.builder()
		.addModule(new JavaTimeModule())
		.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
		.disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
		.build();

	private final StringRedisTemplate redis;

	private final int currentYear;

	private final JsonValues<FiscalYear> values = new JsonValues<>(JSON, new TypeReference<>() {
	}, "fiscal year");

	RedisFiscalYears(StringRedisTemplate redis, int currentYear) {
		this.redis = redis;
		this.currentYear = currentYear;
	}

	@Override
	public int currentYear() {
		return currentYear;
	}

	@Override
	public Optional<FiscalYear> listed(int year) {
		Object value = redis.opsForHash().get(KEY, Integer.toString(year));
		return Optional.ofNullable(value).map(v -> values.read(v.toString()));
	}

	@Override
	public List<FiscalYear> years() {
		return all();
	}

	List<FiscalYear> all() {
		Map<Object, Object> entries = redis.opsForHash().entries(KEY);
		return entries.values()
			.stream()
			.map(v -> values.read(v.toString()))
			.sorted(Comparator.comparingInt(FiscalYear::year))
			.toList();
	}

	/** Stores the year; returns the year it replaced, if any. */
	Optional<FiscalYear> replace(FiscalYear year) {
		String before = redis.execute(REPLACE, List.of(KEY), Integer.toString(year.year()), values.write(year));
		return Optional.ofNullable(before).map(values::read);
	}

	/** Stores the year unless Redis has it already (an admin's edit wins over the file); true if stored. */
	boolean seed(FiscalYear year) {
		return Boolean.TRUE.equals(redis.opsForHash().putIfAbsent(KEY, Integer.toString(year.year()), values.write(year)));
	}

}
