package th.or.dga.budgetbot.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import th.or.dga.budgetbot.MutableClock;
import th.or.dga.budgetbot.line.StubLine;

/**
 * The admin API's edge through the whole app (security filters, controllers, a real Redis):
 * the limit on wrong tokens per client address, roles as the API spells them, and bad request
 * bodies answered with the field that is wrong.
 */
@SpringBootTest(properties = { "line.bot.channel-secret=admin-api-test-secret", "line.bot.channel-token=admin-api-test-token",
		"app.admin.bootstrap-token=" + AdminApiTest.ADMIN })
@AutoConfigureMockMvc
@Import({ StubLine.WireMockReplies.class, MutableClock.AsAppClock.class })
class AdminApiTest {

	static final String ADMIN = "admin-api-test-bootstrap-token-0123456789";

	/** A fresh client address per test, so that one test's failures do not lock out another's. */
	private static final AtomicInteger ADDRESSES = new AtomicInteger(1);

	private final ObjectMapper json = new ObjectMapper();

	@Autowired
	MockMvc mvc;

	@Autowired
	MutableClock clock;

	@Test
	void tenWrongTokensAreRefusedAndTheEleventhRequestIsTooManyEvenWithTheRightToken() throws Exception {
		String address = newAddress();
		for (int i = 0; i < 10; i++) {
			assertThat(send(get("/api/admin/agencies"), "wrong-token-" + i, address).getStatus()).as("failure %d", i + 1).isEqualTo(401);
		}

		MockHttpServletResponse wrong = send(get("/api/admin/agencies"), "wrong-token-10", address);
		MockHttpServletResponse right = send(get("/api/admin/agencies"), ADMIN, address);

		assertThat(wrong.getStatus()).isEqualTo(429);
		assertThat(wrong.getContentType()).contains("problem+json");
		assertThat(Long.parseLong(wrong.getHeader("Retry-After"))).isBetween(1L, 60L);
		assertThat(right.getStatus()).as("a locked-out address gets no answer to any token").isEqualTo(429);
		assertThat(right.getHeader("Retry-After")).isNotNull();
	}

	@Test
	void afterTheMinuteTheAddressMayTryAgain() throws Exception {
		String address = newAddress();
		for (int i = 0; i < 10; i++) {
			send(get("/api/admin/agencies"), "wrong-token-" + i, address);
		}
		assertThat(send(get("/api/admin/agencies"), ADMIN, address).getStatus()).isEqualTo(429);

		clock.advance(Duration.ofSeconds(61));

		assertThat(send(get("/api/admin/agencies"), "wrong-again", address).getStatus()).isEqualTo(401);
		assertThat(send(get("/api/admin/agencies"), ADMIN, address).getStatus()).isEqualTo(200);
	}

	@Test
	void anotherAddressIsNotAffectedByALockout() throws Exception {
		String guesser = newAddress();
		String admin = newAddress();
		for (int i = 0; i < 11; i++) {
			send(get("/api/admin/agencies"), "wrong-token-" + i, guesser);
		}

		assertThat(send(get("/api/admin/agencies"), ADMIN, guesser).getStatus()).isEqualTo(429);
		assertThat(send(get("/api/admin/agencies"), ADMIN, admin).getStatus()).isEqualTo(200);
		assertThat(send(get("/api/admin/agencies"), "one-typo", admin).getStatus()).isEqualTo(401);
	}

	@Test
	void aLockoutIsAuditedAsAnonymousWithoutTheWrongTokens() throws Exception {
		String address = newAddress();
		for (int i = 0; i < 12; i++) {
			send(get("/api/admin/agencies"), "secret-guess-" + i, address);
		}

		JsonNode trail = json.readTree(send(get("/api/admin/audit?limit=1000"), ADMIN, newAddress()).getContentAsString());

		JsonNode lockouts = json.createArrayNode();
		for (JsonNode entry : trail) {
			if (entry.get("target").asText().equals("client/" + address)) {
				((com.fasterxml.jackson.databind.node.ArrayNode) lockouts).add(entry);
			}
		}
		assertThat(lockouts).as("one entry per lockout, not per refused request").hasSize(1);
		assertThat(lockouts.get(0).get("actor").asText()).isEqualTo("anonymous (" + address + ")");
		assertThat(lockouts.get(0).get("action").asText()).isEqualTo("admin.auth.locked-out");
		assertThat(lockouts.get(0).at("/after/failures").asInt()).isEqualTo(10);
		assertThat(trail.toString()).doesNotContain("secret-guess");
	}

	@Test
	void tokensListTheirRolesAsTheApiSpellsThem() throws Exception {
		MockHttpServletResponse created = send(post("/api/admin/tokens").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"reader-" + UUID.randomUUID() + "\",\"roles\":[\"read\",\"agency:write\"]}"), ADMIN, newAddress());
		assertThat(created.getStatus()).isEqualTo(201);
		String id = json.readTree(created.getContentAsString()).get("id").asText();

		JsonNode tokens = json.readTree(send(get("/api/admin/tokens"), ADMIN, newAddress()).getContentAsString());

		JsonNode listed = null;
		for (JsonNode token : tokens) {
			if (token.get("id").asText().equals(id)) {
				listed = token;
			}
		}
		assertThat(listed).isNotNull();
		assertThat(listed.get("roles")).extracting(JsonNode::asText).containsExactlyInAnyOrder("read", "agency:write");
	}

	@Test
	void anUnknownRoleIsABadRequestThatNamesTheRoles() throws Exception {
		MockHttpServletResponse refused = send(post("/api/admin/tokens").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"x\",\"roles\":[\"READ\"]}"), ADMIN, newAddress());

		assertThat(refused.getStatus()).isEqualTo(400);
		assertThat(json.readTree(refused.getContentAsString()).get("detail").asText()).contains("'READ'").contains("read");
	}

	@Test
	void aBlankAgencyNameIsRefusedNamingTheField() throws Exception {
		MockHttpServletResponse refused = send(put("/api/admin/agencies/BLANK1").contentType(MediaType.APPLICATION_JSON)
			.content("{\"nameTh\":\" \",\"nameEn\":\"Blank\"}"), ADMIN, newAddress());

		assertThat(refused.getStatus()).isEqualTo(400);
		assertThat(refused.getContentType()).contains("problem+json");
		JsonNode problem = json.readTree(refused.getContentAsString());
		assertThat(problem.get("errors")).extracting(JsonNode::asText).containsExactly("nameTh: must not be blank");
		assertThat(problem.get("detail").asText()).startsWith("nameTh: ");
		assertThat(send(get("/api/admin/agencies"), ADMIN, newAddress()).getContentAsString()).doesNotContain("BLANK1");
	}

	@Test
	void anAmountThatIsNotANumberIsRefusedNamingTheField() throws Exception {
		send(put("/api/admin/agencies/AMT1").contentType(MediaType.APPLICATION_JSON)
			.content("{\"nameTh\":\"กรมจำนวนเงิน\",\"nameEn\":\"Amounts\"}"), ADMIN, newAddress());

		MockHttpServletResponse refused = send(put("/api/admin/agencies/AMT1/submissions/R-1").contentType(MediaType.APPLICATION_JSON)
			.content("{\"fiscalYear\":2568,\"title\":\"t\",\"amountRequested\":\"abc\",\"status\":\"DRAFT\"}"), ADMIN, newAddress());

		assertThat(refused.getStatus()).isEqualTo(400);
		assertThat(refused.getContentType()).contains("problem+json");
		JsonNode problem = json.readTree(refused.getContentAsString());
		assertThat(problem.get("errors")).hasSize(1);
		assertThat(problem.get("errors").get(0).asText()).startsWith("amountRequested: ");
		assertThat(problem.get("detail").asText()).doesNotContain("java.").doesNotContain("Cannot deserialize");
		assertThat(send(get("/api/admin/agencies/AMT1/submissions"), ADMIN, newAddress()).getContentAsString()).isEqualTo("[]");
	}

	@Test
	void aValueOfTheWrongTypeDeepInTheBodyIsNamedByItsPath() throws Exception {
		MockHttpServletResponse refused = send(post("/api/admin/tokens").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"x\",\"roles\":[\"read\", {\"nested\": true}]}"), ADMIN, newAddress());

		assertThat(refused.getStatus()).isEqualTo(400);
		assertThat(json.readTree(refused.getContentAsString()).get("errors").get(0).asText()).isEqualTo("roles[1]: must be a string");
	}

	@Test
	void malformedJsonIsABadRequestProblem() throws Exception {
		MockHttpServletResponse refused = send(put("/api/admin/agencies/BROKEN").contentType(MediaType.APPLICATION_JSON)
			.content("{\"nameTh\": \"กรม\", \"nameEn\": "), ADMIN, newAddress());

		assertThat(refused.getStatus()).isEqualTo(400);
		assertThat(refused.getContentType()).contains("problem+json");
		JsonNode problem = json.readTree(refused.getContentAsString());
		assertThat(problem.get("title").asText()).isEqualTo("Invalid request");
		assertThat(problem.get("errors").get(0).asText()).startsWith("body: is not valid JSON");
	}

	private MockHttpServletResponse send(MockHttpServletRequestBuilder request, String token, String address) throws Exception {
		return mvc.perform(request.header("Authorization", "Bearer " + token).with(r -> {
			r.setRemoteAddr(address);
			return r;
		})).andReturn().getResponse();
	}

	/** Addresses of TEST-NET-3 (RFC 5737), unique within the run. */
	private static String newAddress() {
		return "203.0.113." + ADDRESSES.getAndIncrement();
	}

}
