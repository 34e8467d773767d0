package th.or.dga.budgetbot.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import com.fasterxml.jackson.databind.ObjectMapper;

import th.or.dga.budgetbot.MutableClock;
import th.or.dga.budgetbot.store.TestRedis;

class AuditTrailTest {

	/** Redis's stream-node-max-entries: approximate trimming removes whole nodes of this many. */
	private static final int NODE = 100;

	private final StringRedisTemplate redis = TestRedis.template();

	private final ObjectMapper json = Jackson2ObjectMapperBuilder.json().build();

	@BeforeEach
	void emptyTrail() {
		redis.delete(AuditTrail.STREAM);
	}

	@Test
	void keepsAboutTheConfiguredNumberOfNewestEntries() {
		AuditTrail audit = new AuditTrail(redis, json, new MutableClock(), 200);
		AdminToken actor = new AdminToken("t1", "tester", EnumSet.of(Role.READ), Instant.EPOCH, false);

		for (int i = 0; i < 2_000; i++) {
			audit.record(actor, "test.write", "thing/" + i, null, Map.of("n", i));
		}

		assertThat(redis.opsForStream().size(AuditTrail.STREAM)).isBetween(200L, 200L + NODE);
		assertThat(audit.latest(1).get(0).target()).isEqualTo("thing/1999");
	}

	@Test
	void recordsAnAnonymousClientByItsAddress() {
		AuditTrail audit = new AuditTrail(redis, json, new MutableClock(), 1_000);

		audit.record(AuditTrail.Actor.anonymous("203.0.113.9"), "admin.auth.locked-out", "client/203.0.113.9", null,
				Map.of("failures", 10));

		AuditTrail.Entry entry = audit.latest(1).get(0);
		assertThat(entry.actor()).isEqualTo("anonymous (203.0.113.9)");
		assertThat(entry.after().get("failures").asInt()).isEqualTo(10);
	}

}
