package th.or.dga.budgetbot.agency;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.data.redis.core.StringRedisTemplate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import th.or.dga.budgetbot.store.JsonValues;

/** Agencies in Redis: {@code agency:<CODE>} as JSON, and the set {@code agencies} of codes. */
public class RedisAgencies {

	private static final String SET = "agencies";

	private final StringRedisTemplate redis;

	private final JsonValues<Agency> json;

	public RedisAgencies(StringRedisTemplate redis, ObjectMapper json) {
		this.redis = redis;
		this.json = new JsonValues<>(json, new TypeReference<Agency>() {
		}, "agency");
	}

	public Optional<Agency> find(String code) {
		String value = redis.opsForValue().get(key(code));
		return Optional.ofNullable(value).map(json::read);
	}

	public List<Agency> all() {
		Set<String> codes = redis.opsForSet().members(SET);
		if (codes == null || codes.isEmpty()) {
			return List.of();
		}
		List<String> values = redis.opsForValue().multiGet(codes.stream().map(RedisAgencies::key).toList());
		return values == null ? List.of()
				: values.stream().filter(java.util.Objects::nonNull).map(json::read).sorted(Comparator.comparing(Agency::code)).toList();
	}

	public void save(Agency agency) {
		redis.opsForValue().set(key(agency.code()), json.write(agency));
		redis.opsForSet().add(SET, agency.code());
	}

	private static String key(String code) {
		return "agency:" + code;
	}



}
