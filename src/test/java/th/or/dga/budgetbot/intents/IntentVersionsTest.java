package th.or.dga.budgetbot.intents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.fasterxml.jackson.databind.json.JsonMapper;

import th.or.dga.budgetbot.store.TestRedis;

class IntentVersionsTest {

	private final StringRedisTemplate redis = TestRedis.template();

	private final IntentVersions versions = new IntentVersions(redis, JsonMapper.builder().findAndAddModules().build(), 3);

	@BeforeEach
	void forgetEveryVersion() {
		Set<String> keys = redis.keys("intents:version*");
		keys.add("intents:active");
		redis.delete(keys);
	}

	@Test
	void keepsTheNewestVersionsAndAlwaysTheActiveOne() {
		IntentVersions.Version first = save(1);
		versions.markActive(first.id());
		List<IntentVersions.Version> later = List.of(save(2), save(3), save(4), save(5));

		assertThat(versions.all()).extracting(IntentVersions.Version::id)
			.containsExactly(first.id(), later.get(2).id(), later.get(3).id());
		assertThat(versions.find(later.get(0).id())).isEmpty();
		assertThat(versions.find(first.id())).isPresent();
		// A deleted version's content is stored anew if it comes back.
		assertThat(save(2).id()).isNotEqualTo(later.get(0).id());
		assertThat(versions.all()).hasSize(3);
	}

	private IntentVersions.Version save(int n) {
		return versions.save(new IntentCatalog(List.of(), Map.of("intent.yml", "content " + n)), "test", "summary " + n,
				Instant.now());
	}

}
