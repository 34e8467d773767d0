package th.or.dga.budgetbot.agency;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import th.or.dga.budgetbot.store.JsonValues;

/** Agencies in Redis: {@code agency:<CODE>} as JSON, and the set {@code agencies} of codes. */
class RedisAgencies {

	private static final Logger log = LoggerFactory.getLogger(RedisAgencies.class);

	private static final String SET = "agencies";

	private final StringRedisTemplate redis;

	private final JsonValues<Agency> json;

	RedisAgencies(StringRedisTemplate redis, ObjectMapper json) {
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
		List<String> sorted = codes.stream().sorted().toList();
		List<String> values = redis.opsForValue().multiGet(sorted.stream().map(RedisAgencies::key).toList());
		List<Agency> readable = new ArrayList<>();
		for (int i = 0; values != null && i < sorted.size(); i++) {
			if (values.get(i) == null) {
				continue;
			}
			try {
				readable.add(json.read(values.get(i)));
			}
			catch (IllegalStateException e) {
				// One damaged record must not take every agency with it; a PUT of the agency replaces it.
				log.warn("Skipping the agency stored at {}: it cannot be read", key(sorted.get(i)));
			}
		}
		readable.sort(Comparator.comparing(Agency::code));
		return readable;
	}

	public void save(Agency agency) {
		redis.opsForValue().set(key(agency.code()), json.write(agency));
		redis.opsForSet().add(SET, agency.code());
	}

	private static String key(String code) {
		return "agency:" + code;
	}



}
