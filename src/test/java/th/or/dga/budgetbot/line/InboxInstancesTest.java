package th.or.dga.budgetbot.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
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
 * Two instances of the app on one Redis of their own, as in production behind a load
 * balancer: they share the inbox's partitions, and when one dies with events accepted but not
 * answered (LINE failing), the other takes its partitions and answers each event once.
 */
class InboxInstancesTest {

	private static final String SECRET = "instances-channel-secret-0123456789";

	private static final String TOKEN = "instances-channel-token";

	@AutoClose("stop")
	private static final LineMessagingStub LINE = new LineMessagingStub(TOKEN);

	@AutoClose
	private static final RestartableRedis REDIS = RestartableRedis.started();

	@Test
	void anInstanceThatDiesWithEventsPendingHasThemAnsweredOnceByTheOther() throws Exception {
		try (ConfigurableApplicationContext first = start("first")) {
			Outcome[] failing = new Outcome[1000];
			java.util.Arrays.fill(failing, Outcome.serverError());
			LINE.next(Endpoint.REPLY, failing);
			List<ObjectNode> questions = new ArrayList<>();
			for (String text : List.of("สวัสดีค่ะ", "ขอบคุณค่ะ", "ติดต่อ สพร. ได้ทางไหน")) {
				ObjectNode question = Webhooks.text(Webhooks.newReplyToken(), text);
				question.put("timestamp", Instant.now().toEpochMilli());
				questions.add(question);
			}
			assertThat(new WebhookClient(port(first), SECRET, null).post(Webhooks.body(questions.toArray(ObjectNode[]::new))))
				.isEqualTo(200);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> questions.stream().allMatch(q -> !replies(q).isEmpty()));

			try (ConfigurableApplicationContext second = start("second")) {
				InboxDispatcher one = first.getBean(InboxDispatcher.class);
				InboxDispatcher other = second.getBean(InboxDispatcher.class);
				// The first gives back partitions with nothing in them: each instance ends with its share.
				await().atMost(Duration.ofSeconds(30)).until(() -> other.heldPartitions().size() == EventInbox.PARTITIONS / 2);
				assertThat(one.heldPartitions()).doesNotContainAnyElementsOf(other.heldPartitions());

				one.halt();
				LINE.reset();

				await().atMost(Duration.ofSeconds(60))
					.until(() -> questions.stream().allMatch(q -> statuses(replies(q)).contains(200)));
				await().atMost(Duration.ofSeconds(30)).until(() -> second.getBean(EventInbox.class).isDrained());
				assertThat(questions).allSatisfy(q -> assertThat(statuses(replies(q))).containsExactly(200));
				assertThat(other.heldPartitions()).hasSize(EventInbox.PARTITIONS);
				assertThat(LINE.requests(Endpoint.PUSH)).isEmpty();
			}
		}
	}

	private static ConfigurableApplicationContext start(String name) {
		return new SpringApplicationBuilder(BudgetBotApplication.class).run("--server.port=0",
				"--spring.data.redis.url=" + REDIS.url(), "--line.bot.channel-secret=" + SECRET, "--line.bot.channel-token=" + TOKEN,
				"--line.bot.api-end-point=" + LINE.baseUrl(), "--app.line.instance-id=" + name + "-" + UUID.randomUUID(),
				"--app.line.partition-lease=2s", "--app.line.reply-timeout=5s", "--app.line.retry-backoff=50ms",
				"--app.line.max-retry-backoff=300ms", "--app.nlu.iterations=30", "--app.notices.reclaim-every=1h");
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private static List<ReceivedRequest> replies(ObjectNode question) {
		String token = question.get("replyToken").asText();
		return LINE.requests(Endpoint.REPLY).stream().filter(r -> token.equals(r.json().path("replyToken").asText())).toList();
	}

	private static List<Integer> statuses(List<ReceivedRequest> requests) {
		return requests.stream().map(ReceivedRequest::status).toList();
	}

}
