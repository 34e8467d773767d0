package th.or.dga.budgetbot.intents;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import th.or.dga.budgetbot.MutableClock;
import th.or.dga.budgetbot.line.LineApiStub;
import th.or.dga.budgetbot.line.StubLine;
import th.or.dga.budgetbot.line.WebhookClient;
import th.or.dga.budgetbot.line.Webhooks;

/**
 * README: unanswered questions expire after {@code app.intents.unanswered-retention} (30 days),
 * as the app ships it. The store measures the age on the application's clock (the listing
 * sweeps what is older), so the test moves that clock instead of waiting.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "line.bot.channel-secret=" + UnansweredRetentionEndToEndTest.SECRET,
				"line.bot.channel-token=retention-e2e-token", "app.admin.bootstrap-token=" + UnansweredRetentionEndToEndTest.ADMIN })
@Import({ StubLine.WireMockReplies.class, MutableClock.AsAppClock.class })
class UnansweredRetentionEndToEndTest {

	static final String SECRET = "retention-e2e-secret-0123456789";

	static final String ADMIN = "retention-admin-token-0123456789abcdefghij";

	private final HttpClient http = HttpClient.newHttpClient();

	private final ObjectMapper json = new ObjectMapper();

	@LocalServerPort
	int port;

	@Autowired
	LineApiStub line;

	@Autowired
	MutableClock clock;

	@Autowired
	StringRedisTemplate redis;

	@Test
	void anUnansweredQuestionIsListedForThirtyDaysAndThenGone() throws Exception {
		// Other test classes share this Redis, and the listing shows only the most-asked groups.
		Set<String> left = redis.keys("intents:unanswered*");
		if (left != null && !left.isEmpty()) {
			redis.delete(left);
		}
		String question = "กรุ๊งกริ๊ง xyzzy plugh ฟรุ้งฟริ้ง";

		assertThat(sayNow(question)).as("the fallback").startsWith("ขออภัยค่ะ ยังไม่มีข้อมูลเรื่องนี้");
		assertThat(listed()).contains(question);

		clock.advance(Duration.ofDays(30).minusMillis(1));
		assertThat(listed()).as("a millisecond before 30 days").contains(question);

		clock.advance(Duration.ofMillis(2));
		assertThat(listed()).as("a millisecond after 30 days").doesNotContain(question);
		assertThat(redis.keys("intents:unanswered:entry:*")).isEmpty();
	}

	/** The reply to a new user's text, sent now by the app's clock (LINE stamps when it happened). */
	private String sayNow(String text) throws Exception {
		String token = Webhooks.newReplyToken();
		ObjectNode event = Webhooks.text(token, text);
		event.put("timestamp", clock.millis());
		((ObjectNode) event.get("source")).put("userId", "U" + UUID.randomUUID().toString().replace("-", ""));
		WebhookClient client = new WebhookClient(port, SECRET, line);
		assertThat(client.post(Webhooks.body(event))).isEqualTo(200);
		return client.awaitReply(token).at("/messages/0/text").asText();
	}

	/** The questions of every group in {@code GET /api/admin/intents/unanswered}, as JSON text. */
	private String listed() throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/admin/intents/unanswered"))
			.header("Authorization", "Bearer " + ADMIN)
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		StringBuilder questions = new StringBuilder();
		for (JsonNode group : json.readTree(response.body())) {
			questions.append(group.get("questions")).append('\n');
		}
		return questions.toString();
	}

}
