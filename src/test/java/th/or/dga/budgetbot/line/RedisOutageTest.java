package th.or.dga.budgetbot.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.node.ObjectNode;

import th.or.dga.budgetbot.BudgetBotApplication;
import th.or.dga.budgetbot.line.LineMessagingStub.Endpoint;
import th.or.dga.budgetbot.line.LineMessagingStub.Outcome;
import th.or.dga.budgetbot.line.LineMessagingStub.ReceivedRequest;
import th.or.dga.budgetbot.store.RestartableRedis;

/**
 * Redis goes away under the running app and comes back with its data: webhooks get 503 at once
 * (LINE sends them again), health says DOWN and then UP by itself, and the inbox's workers
 * consume again, so that every event accepted before, during (redelivered) and after the
 * outage is answered once.
 */
class RedisOutageTest {

	private static final String SECRET = "outage-channel-secret-0123456789";

	private static final String TOKEN = "outage-channel-token";

	@AutoClose("stop")
	private static final LineMessagingStub LINE = new LineMessagingStub(TOKEN);

	@AutoClose
	private static final RestartableRedis REDIS = RestartableRedis.started();

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void webhooksGet503HealthGoesDownAndUpAndEveryEventIsAnsweredOnce() throws Exception {
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(BudgetBotApplication.class).run("--server.port=0",
				"--spring.data.redis.url=" + REDIS.url(), "--line.bot.channel-secret=" + SECRET, "--line.bot.channel-token=" + TOKEN,
				"--line.bot.api-end-point=" + LINE.baseUrl(), "--app.line.instance-id=outage",
				"--app.line.partition-lease=2s", "--app.line.reply-timeout=5s", "--app.line.retry-backoff=50ms",
				"--app.line.max-retry-backoff=300ms", "--app.nlu.iterations=30",
				// The production time-outs (application.yml), which the tests' properties relax.
				"--spring.data.redis.timeout=1s", "--spring.data.redis.connect-timeout=500ms")) {
			int port = ((WebServerApplicationContext) app).getWebServer().getPort();
			WebhookClient webhooks = new WebhookClient(port, SECRET, null);
			HealthEndpoint health = app.getBean(HealthEndpoint.class);
			await().atMost(Duration.ofSeconds(30)).until(() -> health.health().getStatus().equals(Status.UP));
			Outcome[] failing = new Outcome[1000];
			java.util.Arrays.fill(failing, Outcome.serverError());
			LINE.next(Endpoint.REPLY, failing);
			ObjectNode before = question("สวัสดีค่ะ");
			assertThat(webhooks.post(Webhooks.body(before))).isEqualTo(200);
			await().atMost(Duration.ofSeconds(20)).until(() -> !replies(before).isEmpty());

			REDIS.stop();

			ObjectNode during = question("ขอบคุณค่ะ");
			HttpResponse<String> refused = http.send(signed(port, Webhooks.body(during)).timeout(Duration.ofSeconds(2)).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(refused.statusCode()).isEqualTo(503);
			assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
			HttpResponse<String> down = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
				.timeout(Duration.ofMillis(1500))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(down.statusCode()).isEqualTo(503);
			assertThat(down.body()).as("no details without authentication").isEqualTo("{\"status\":\"DOWN\"}");
			assertThat(health.healthForPath("redis").getStatus()).isEqualTo(Status.DOWN);
			await().atMost(Duration.ofSeconds(20)).until(() -> health.healthForPath("inbox").getStatus().equals(Status.DOWN));
			LINE.reset();

			REDIS.start();

			await().atMost(Duration.ofSeconds(30)).until(() -> health.health().getStatus().equals(Status.UP));
			// LINE sends the refused webhook again; and new questions come.
			assertThat(webhooks.post(Webhooks.body(during))).isEqualTo(200);
			ObjectNode after = question("ติดต่อ สพร. ได้ทางไหน");
			assertThat(webhooks.post(Webhooks.body(after))).isEqualTo(200);
			await().atMost(Duration.ofSeconds(60))
				.until(() -> List.of(before, during, after).stream().allMatch(q -> statuses(replies(q)).contains(200)));
			await().atMost(Duration.ofSeconds(30)).until(() -> app.getBean(EventInbox.class).isDrained());
			assertThat(List.of(before, during, after)).allSatisfy(q -> assertThat(statuses(replies(q))).containsExactly(200));
			assertThat(LINE.requests(Endpoint.PUSH)).isEmpty();
		}
	}

	private static ObjectNode question(String text) {
		ObjectNode question = Webhooks.text(Webhooks.newReplyToken(), text);
		question.put("timestamp", Instant.now().toEpochMilli());
		return question;
	}

	private static HttpRequest.Builder signed(int port, String body) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/callback"))
			.header("Content-Type", "application/json")
			.header("X-Line-Signature", Webhooks.signature(SECRET, body))
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
	}

	private static List<ReceivedRequest> replies(ObjectNode question) {
		String token = question.get("replyToken").asText();
		return LINE.requests(Endpoint.REPLY).stream().filter(r -> token.equals(r.json().path("replyToken").asText())).toList();
	}

	private static List<Integer> statuses(List<ReceivedRequest> requests) {
		return requests.stream().map(ReceivedRequest::status).toList();
	}

}
