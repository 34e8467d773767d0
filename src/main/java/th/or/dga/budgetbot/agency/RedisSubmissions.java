package th.or.dga.budgetbot.agency;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
 * another agency's request id is simply not found.
 */
public class RedisSubmissions {

	private final StringRedisTemplate redis;

	private final JsonValues<Submission> json;

	public RedisSubmissions(StringRedisTemplate redis, ObjectMapper json) {
		this.redis = redis;
		this.json = new JsonValues<>(json, new TypeReference<Submission>() {
		}, "submission");
	}

	public Optional<Submission> find(String agency, String requestId) {
		return Optional.ofNullable(redis.opsForValue().get(key(agency, requestId))).map(json::read);
	}

	public List<Submission> ofAgency(String agency) {
		Set<String> ids = redis.opsForSet().members(index(agency));
		if (ids == null || ids.isEmpty()) {
			return List.of();
		}
		List<String> values = redis.opsForValue().multiGet(ids.stream().map(id -> key(agency, id)).toList());
		return values == null ? List.of()
				: values.stream()
					.filter(java.util.Objects::nonNull)
					.map(json::read)
					.sorted(Comparator.comparing(Submission::fiscalYear).reversed().thenComparing(Submission::requestId))
					.toList();
	}

	/**
	 * Writes the requests only if none of them changed since they were read (each expected
	 * previous value, null for a new request): all or nothing, in one transaction.
	 *
	 * @return false if another writer got there first; nothing was written
	 */
	public boolean replace(Map<Submission, Submission> nextByPrevious, List<Submission> created) {
		List<Object> result = redis.execute(new SessionCallback<>() {
			@Override
			@SuppressWarnings({ "unchecked", "rawtypes" })
			public List<Object> execute(RedisOperations operations) throws DataAccessException {
				List<String> keys = new java.util.ArrayList<>();
				nextByPrevious.values().forEach(s -> keys.add(key(s.agency(), s.requestId())));
				created.forEach(s -> keys.add(key(s.agency(), s.requestId())));
				operations.watch(keys);
				for (Map.Entry<Submission, Submission> change : nextByPrevious.entrySet()) {
					String current = (String) operations.opsForValue().get(key(change.getValue().agency(), change.getValue().requestId()));
					if (current == null || !json.read(current).equals(change.getKey())) {
						operations.unwatch();
						return null;
					}
				}
				for (Submission s : created) {
					if (operations.hasKey(key(s.agency(), s.requestId()))) {
						operations.unwatch();
						return null;
					}
				}
				operations.multi();
				for (Submission s : nextByPrevious.values()) {
					operations.opsForValue().set(key(s.agency(), s.requestId()), json.write(s));
				}
				for (Submission s : created) {
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
