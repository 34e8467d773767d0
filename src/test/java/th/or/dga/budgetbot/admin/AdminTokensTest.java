package th.or.dga.budgetbot.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import com.fasterxml.jackson.databind.ObjectMapper;

import th.or.dga.budgetbot.MutableClock;
import th.or.dga.budgetbot.store.TestRedis;

class AdminTokensTest {

	private final StringRedisTemplate redis = TestRedis.template();

	private final ObjectMapper json = Jackson2ObjectMapperBuilder.json().build();

	private final AdminTokens tokens = new AdminTokens(redis, json, new MutableClock(), null);

	@Test
	void rolesAreWrittenAsTheApiSpellsThem() throws Exception {
		AdminTokens.Issued issued = tokens.create("writer", EnumSet.of(Role.READ, Role.SUBMISSION_WRITE));

		String stored = json.writeValueAsString(issued.token());

		assertThat(json.readTree(stored).get("roles")).extracting(n -> n.asText())
			.containsExactlyInAnyOrder("read", "submission:write");
		assertThat(tokens.authenticate(issued.secret())).hasValueSatisfying(
				t -> assertThat(t.roles()).containsExactlyInAnyOrder(Role.READ, Role.SUBMISSION_WRITE));
	}

	@Test
	void aTokenStoredWithTheRolesConstantNamesStillLoads() throws Exception {
		String id = UUID.randomUUID().toString();
		String secret = "dgab_older-" + id;
		String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
		// As the code before roles were written as their authorities stored it.
		redis.opsForValue().set("admin:token:" + hash, "{\"id\":\"" + id + "\",\"name\":\"older\",\"roles\":[\"READ\",\"AGENCY_WRITE\"],"
				+ "\"createdAt\":\"2025-01-02T03:04:05Z\",\"bootstrap\":false}");
		redis.opsForHash().put("admin:tokens", id, hash);

		assertThat(tokens.authenticate(secret)).hasValueSatisfying(
				t -> assertThat(t.roles()).containsExactlyInAnyOrder(Role.READ, Role.AGENCY_WRITE));
		assertThat(tokens.all()).filteredOn(t -> t.id().equals(id))
			.singleElement()
			.satisfies(t -> assertThat(json.writeValueAsString(t)).contains("\"read\"").contains("\"agency:write\"")
				.doesNotContain("READ"));
	}

}
