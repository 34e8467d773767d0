package th.or.dga.budgetbot.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import th.or.dga.budgetbot.admin.AdminApi;

/**
 * Local mode as a new user meets it (mvn spring-boot:run): the 'local' profile, no LINE channel
 * configured, an embedded Redis, and the simulator answering through the real webhook path.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "app.admin.bootstrap-token=demo-admin", "app.notices.quiet-hours=off" })
@ActiveProfiles("local")
class SimulatorEndToEndTest {

	private final HttpClient http = HttpClient.newHttpClient();

	private final ObjectMapper json = new ObjectMapper();

	@LocalServerPort
	int port;

	@Test
	void answersAQuestionThroughTheWebhookWithTheIntentAndConfidence() throws Exception {
		JsonNode result = simulate("{\"text\":\"ยังยื่นของบบูรณาการรัฐบาลดิจิทัลปี 64 ได้ไหมคะ\"}", 200);

		assertThat(result.get("intent").asText()).isEqualTo("fy-can-submit");
		assertThat(result.get("confidence").asDouble()).isBetween(0.0, 1.0);
		assertThat(result.at("/messages/0/type").asText()).isEqualTo("text");
		assertThat(result.at("/messages/0/text").asText()).contains("สำนักงบประมาณ");
	}

	@Test
	void welcomesAFollowEvent() throws Exception {
		JsonNode result = simulate("{\"event\":\"follow\"}", 200);

		assertThat(result.get("kind").asText()).isEqualTo("WELCOME");
		assertThat(result.at("/messages/0/quickReply/items").size()).isGreaterThan(0);
	}

	@Test
	void refusesAnEmptyMessageWithAClearError() throws Exception {
		JsonNode problem = simulate("{\"text\":\"\"}", 400);

		assertThat(problem.get("detail").asText()).contains("text");
	}

	@Test
	void rejectsAWebhookThatIsNotSignedWithTheLocalSecret() throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/callback"))
			.header("Content-Type", "application/json")
			.header("X-Line-Signature", "c2lnbmF0dXJl")
			.POST(HttpRequest.BodyPublishers.ofString("{\"events\":[]}"))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(400);
	}

	@Test
	void listensOnThisMachineOnly(@Value("${server.address}") String address) {
		assertThat(address).isEqualTo("127.0.0.1");
	}

	@Test
	void aNoticeToALinkedOfficerReachesTheSimulatorsStandInLineApi() throws Exception {
		AdminApi admin = new AdminApi(port, "demo-admin");
		AdminApi.Response code = admin.post("/api/admin/agencies/DGA/link-codes", "{}", Map.of());
		assertThat(code.status()).isEqualTo(201);
		String officer = "U" + UUID.randomUUID().toString().replace("-", "");
		JsonNode linked = simulate(json.writeValueAsString(
				Map.of("text", "ผูกบัญชี " + code.body().get("code").asText(), "userId", officer)), 200);
		assertThat(linked.at("/messages/0/text").asText()).contains("สำนักงานพัฒนารัฐบาลดิจิทัล");
		String text = "ทดสอบประกาศ " + UUID.randomUUID();

		AdminApi.Response notice = admin.post("/api/admin/notices",
				Map.of("audience", Map.of("type", "agencies", "codes", List.of("DGA")), "messages",
						List.of(Map.of("type", "text", "text", text))),
				Map.of("Idempotency-Key", UUID.randomUUID().toString()));

		assertThat(notice.status()).as(notice.raw().body()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			JsonNode pushes = admin.get("/simulator/line-api/pushes").body();
			assertThat(pushes.findValuesAsText("text")).contains(text);
		});
		JsonNode done = admin.get("/api/admin/notices/" + notice.body().get("id").asText()).body();
		assertThat(done.get("status").asText()).isEqualTo("DONE");
		assertThat(admin.get("/api/admin/notices/" + done.get("id").asText() + "/recipients?userId=" + officer)
			.body()
			.get("status")
			.asText()).isEqualTo("SENT");
	}

	private JsonNode simulate(String body, int status) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/simulator/messages"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		return json.readTree(response.body());
	}

}
