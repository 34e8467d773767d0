package th.or.dga.budgetbot.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Allocations waiting for their agency's window to close, in Redis so that any instance can
 * send them: {@code alert:allocation:seen:<agency>:<item>} (this change was taken in already),
 * {@code alert:allocation:pending:<agency>} (item to allocation), {@code alert:allocation:due}
 * (agency by the end of its window) and {@code alert:allocation:taken} (sets handed to a notice,
 * kept until the notice exists, so a crash in between loses nothing).
 */
class PendingAllocations {

	static final String DUE = "alert:allocation:due";

	static final String TAKEN = "alert:allocation:taken";

	/**
	 * Adds an allocation unless this change was added before; opens the agency's window if it
	 * has none. KEYS: seen, pending, due. ARGV: item, JSON, window end (ms), seen TTL (s), agency.
	 * Returns the window's end (ms), or -1 if the change was known.
	 */
	private static final RedisScript<Long> ADD = RedisScript.of("""
			if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[4]) then return -1 end
			redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
			redis.call('ZADD', KEYS[3], 'NX', ARGV[3], ARGV[5])
			return tonumber(redis.call('ZSCORE', KEYS[3], ARGV[5]))
			""", Long.class);

	/**
	 * Takes an agency's pending allocations if its window has closed, all or none, so two
	 * instances cannot both send them; the set is named by its sorted items (the one item itself,
	 * or a SHA-1 of them) and kept under that name until {@link #handedOff}. KEYS: pending, due,
	 * taken. ARGV: agency, now (ms). Returns {NONE}, {WAIT, window end} or {TAKEN, name, JSON}.
	 */
	private static final RedisScript<List> TAKE = RedisScript.of("""
			local due = redis.call('ZSCORE', KEYS[2], ARGV[1])
			if not due then return {'NONE'} end
			if tonumber(due) > tonumber(ARGV[2]) then return {'WAIT', due} end
			local flat = redis.call('HGETALL', KEYS[1])
			redis.call('ZREM', KEYS[2], ARGV[1])
			redis.call('DEL', KEYS[1])
			if #flat == 0 then return {'NONE'} end
			local keys, byKey, items = {}, {}, {}
			for i = 1, #flat, 2 do
			  table.insert(keys, flat[i])
			  byKey[flat[i]] = flat[i + 1]
			end
			table.sort(keys)
			for _, k in ipairs(keys) do table.insert(items, byKey[k]) end
			local name = ARGV[1] .. ':' .. keys[1]
			if #keys > 1 then name = ARGV[1] .. ':' .. string.sub(redis.sha1hex(table.concat(keys, ',')), 1, 16) end
			local payload = cjson.encode(items)
			redis.call('HSET', KEYS[3], name, payload)
			return {'TAKEN', name, payload}
			""", List.class);

	private final StringRedisTemplate redis;

	private final ObjectMapper json;

	PendingAllocations(StringRedisTemplate redis, ObjectMapper json) {
		this.redis = redis;
		this.json = json;
	}

	/** The end of the agency's window, or empty if this change was added before. */
	Optional<Instant> add(String agency, PendingAllocation allocation, Instant windowEnd, Duration retention) {
		Long due = redis.execute(ADD,
				List.of("alert:allocation:seen:" + agency + ":" + allocation.item(), pending(agency), DUE), allocation.item(),
				write(allocation), String.valueOf(windowEnd.toEpochMilli()), String.valueOf(retention.toSeconds()), agency);
		return due == null || due < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(due));
	}

	/** What {@link #take} found. */
	sealed interface Taken {
	}

	record Nothing() implements Taken {
	}

	record NotYet(Instant windowEnd) implements Taken {
	}

	/** @param name {@code <agency>:<item>} or {@code <agency>:<hash of the items>} */
	record Allocations(String name, List<PendingAllocation> allocations) implements Taken {
	}

	Taken take(String agency, Instant now) {
		List<?> result = redis.execute(TAKE, List.of(pending(agency), DUE, TAKEN), agency,
				String.valueOf(now.toEpochMilli()));
		String outcome = result == null || result.isEmpty() ? "NONE" : String.valueOf(result.get(0));
		return switch (outcome) {
			case "WAIT" -> new NotYet(Instant.ofEpochMilli((long) Double.parseDouble(String.valueOf(result.get(1)))));
			case "TAKEN" -> new Allocations(String.valueOf(result.get(1)), items(String.valueOf(result.get(2))));
			default -> new Nothing();
		};
	}

	/** The set is a notice now. */
	void handedOff(String name) {
		redis.opsForHash().delete(TAKEN, name);
	}

	/** Sets taken but not yet a notice (their instance died in between). */
	List<Allocations> taken() {
		return redis.<String, String>opsForHash()
			.entries(TAKEN)
			.entrySet()
			.stream()
			.map(e -> new Allocations(e.getKey(), items(e.getValue())))
			.toList();
	}

	/** Agencies with an open window, by its end. */
	Map<String, Instant> windows() {
		var entries = redis.opsForZSet().rangeWithScores(DUE, 0, -1);
		Map<String, Instant> result = new LinkedHashMap<>();
		if (entries != null) {
			entries.forEach(e -> result.put(e.getValue(), Instant.ofEpochMilli(e.getScore().longValue())));
		}
		return result;
	}

	private List<PendingAllocation> items(String payload) {
		try {
			List<String> raw = json.readValue(payload, new TypeReference<List<String>>() {
			});
			return raw.stream().map(this::read).toList();
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("pending allocations cannot be read", e);
		}
	}

	private PendingAllocation read(String value) {
		try {
			return json.readValue(value, PendingAllocation.class);
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("a pending allocation cannot be read", e);
		}
	}

	private String write(PendingAllocation allocation) {
		try {
			return json.writeValueAsString(allocation);
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
	}

	private static String pending(String agency) {
		return "alert:allocation:pending:" + agency;
	}

}
