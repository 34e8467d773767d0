package th.or.dga.budgetbot.agency;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import th.or.dga.budgetbot.store.JsonValues;

/**
 * Budget requests in Redis: {@code submission:<AGENCY>:<REQUEST-ID>} as JSON and the set
 * {@code agency:<AGENCY>:submissions}. A request is always looked up within one agency, so
 * another agency's request id is simply not found. A stored request that cannot be read (written
 * by an older version, or damaged) is logged with its key and skipped, so that it never hides
 * the agency's other requests; an admin's write replaces it.
 */
class RedisSubmissions {

	private static final Logger log = LoggerFactory.getLogger(RedisSubmissions.class);

	private final StringRedisTemplate redis;

	private final JsonValues<Submission> json;

	RedisSubmissions(StringRedisTemplate redis, ObjectMapper json) {
		this.redis = redis;
		this.json = new JsonValues<>(json, new TypeReference<Submission>() {
		}, "submission");
	}

	/** The agency's readable requests, and the ids of those that cannot be read. */
	public record Listing(List<Submission> submissions, List<String> unreadable) {

		public Listing {
			submissions = List.copyOf(submissions);
			unreadable = List.copyOf(unreadable);
		}

	}

	/**
	 * A request as stored: its JSON exactly as read (null if there is none) and the request, or
	 * null if there is none or it cannot be read. Writes compare against the JSON, so that an
	 * unreadable request can still be replaced safely.
	 */
	record Stored(String json, Submission submission) {

		boolean unreadable() {
			return json != null && submission == null;
		}

	}

	/** The request, if there is one and it can be read. */
	public Optional<Submission> find(String agency, String requestId) {
		return Optional.ofNullable(stored(agency, requestId).submission());
	}

	Stored stored(String agency, String requestId) {
		String key = key(agency, requestId);
		String value = redis.opsForValue().get(key);
		return new Stored(value, value == null ? null : readOrReport(key, value));
	}

	public List<Submission> ofAgency(String agency) {
		return listing(agency).submissions();
	}

	public Listing listing(String agency) {
		Set<String> ids = redis.opsForSet().members(index(agency));
		if (ids == null || ids.isEmpty()) {
			return new Listing(List.of(), List.of());
		}
		List<String> sortedIds = ids.stream().sorted().toList();
		List<String> values = redis.opsForValue().multiGet(sortedIds.stream().map(id -> key(agency, id)).toList());
		List<Submission> readable = new ArrayList<>();
		List<String> unreadable = new ArrayList<>();
		for (int i = 0; values != null && i < sortedIds.size(); i++) {
			if (values.get(i) == null) {
				continue;
			}
			Submission submission = readOrReport(key(agency, sortedIds.get(i)), values.get(i));
			if (submission == null) {
				unreadable.add(sortedIds.get(i));
			}
			else {
				readable.add(submission);
			}
		}
		readable.sort(Comparator.comparing(Submission::fiscalYear).reversed().thenComparing(Submission::requestId));
		return new Listing(readable, unreadable);
	}

	private Submission readOrReport(String key, String value) {
		try {
			return json.read(value);
		}
		catch (IllegalStateException e) {
			// The key names the agency and the request, never a user; the cause says what is wrong.
			log.warn("Skipping the request stored at {}: it cannot be read ({}); an admin's PUT of it replaces it", key,
					e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
			return null;
		}
	}

	/** The next version of a request, and what was stored when it was read. */
	record Write(Stored expected, Submission next) {
	}

	/**
	 * Writes the requests only if none of them changed since they were read (each compared with
	 * the JSON read then, none for a new request): all or nothing, in one transaction.
	 *
	 * @return false if another writer got there first; nothing was written
	 */
	boolean replace(List<Write> writes) {
		List<Object> result = redis.execute(new SessionCallback<>() {
			@Override
			@SuppressWarnings({ "unchecked", "rawtypes" })
			public List<Object> execute(RedisOperations operations) throws DataAccessException {
				operations.watch(writes.stream().map(w -> key(w.next().agency(), w.next().requestId())).toList());
				for (Write write : writes) {
					Object current = operations.opsForValue().get(key(write.next().agency(), write.next().requestId()));
					if (!Objects.equals(current, write.expected().json())) {
						operations.unwatch();
						return null;
					}
				}
				operations.multi();
				for (Write write : writes) {
					Submission s = write.next();
					operations.opsForValue().set(key(s.agency(), s.requestId()), json.write(s));
					operations.opsForSet().add(index(s.agency()), s.requestId());
				}
				return operations.exec();
			}
		});
		return result != null && !result.isEmpty();
	}

	private static String key(String agency, String requestId) {
		return "submission:" + agency + ":" + requestId;
	}

	private static String index(String agency) {
		return "agency:" + agency + ":submissions";
	}

}
