package th.or.dga.budgetbot.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.MeterRegistry;

import th.or.dga.budgetbot.MutableClock;
import th.or.dga.budgetbot.admin.AdminApi;
import th.or.dga.budgetbot.hashing.UserIdHashes;
import th.or.dga.budgetbot.line.LineMessagingStub.Endpoint;
import th.or.dga.budgetbot.line.LineMessagingStub.Outcome;
import th.or.dga.budgetbot.line.LineMessagingStub.ReceivedRequest;

/**
 * Every accepted question answered exactly once whatever LINE does: the running app, a real
 * Redis and a stub LINE API over HTTP that keeps LINE's state (single-use reply tokens, retry
 * keys and their 409), with faults scripted per request. The app's clock is the test's, so
 * that a reply token's age is set, not waited for.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "line.bot.channel-secret=" + InboxEndToEndTest.SECRET, "line.bot.channel-token=" + InboxEndToEndTest.TOKEN,
				"app.admin.bootstrap-token=" + InboxEndToEndTest.ADMIN, "app.line.reply-timeout=5s",
				"app.line.retry-backoff=50ms", "app.line.max-retry-backoff=300ms", "app.line.max-tries=3",
				"app.line.inbox-max-depth=20", "app.line.partition-lease=2s", "app.nlu.iterations=30" })
@Import({ StubLine.Messaging.class, MutableClock.AsAppClock.class })
class InboxEndToEndTest {

	static final String SECRET = "inbox-e2e-channel-secret-0123456789";

	static final String TOKEN = "inbox-e2e-channel-token";

	static final String ADMIN = "inbox-e2e-bootstrap-admin-token-0123456789";

	private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm");

	@LocalServerPort
	int port;

	@Autowired
	LineMessagingStub line;

	@Autowired
	MutableClock clock;

	@Autowired
	EventInbox inbox;

	@Autowired
	InboxDispatcher dispatcher;

	@Autowired
	MeterRegistry meters;

	@Autowired
	UserIdHashes hashes;

	@Autowired
	StringRedisTemplate redis;

	@TestConfiguration
	static class Setup {

		/** A feature with a bug: a postback of its own that it cannot answer. */
		@Bean
		PostbackAnswers failingFeature() {
			return (userId, data) -> {
				if (data.containsKey("poison")) {
					throw new IllegalStateException("a bug in a feature");
				}
				return Optional.empty();
			};
		}

	}

	@BeforeEach
	void resetStub() {
		line.reset();
	}

	@Test
	void aReplyThatGotServerErrorsIsRetriedAndAnsweredOnce() throws Exception {
		double before = answered("reply");
		double queued = meters.counter("bot.webhook.events", "type", "message", "outcome", "queued").count();
		line.next(Endpoint.REPLY, Outcome.serverError(), Outcome.serverError(), Outcome.serverError());
		ObjectNode question = question(user(), "ยังยื่นของบบูรณาการปี 64 ได้ไหมคะ", clock.instant());

		assertThat(post(question)).isEqualTo(200);
		assertThat(meters.counter("bot.webhook.events", "type", "message", "outcome", "queued").count() - queued).isEqualTo(1);
		assertThat(meters.find("bot.webhook.ack").tag("status", "200").timer()).isNotNull();

		awaitDrained();
		assertThat(statuses(replies(token(question)))).containsExactly(500, 500, 500, 200);
		assertThat(replies(token(question)).get(3).json().at("/messages/0/text").asText()).contains("2564");
		assertThat(line.requests(Endpoint.PUSH)).isEmpty();
		assertThat(answered("reply") - before).isEqualTo(1);
		assertThat(meters.counter("bot.line.calls", "endpoint", "reply", "status", "500").count()).isGreaterThanOrEqualTo(3);
		assertThat(meters.counter("bot.line.retries", "endpoint", "reply").count()).isGreaterThanOrEqualTo(3);
		line.assertEveryRequestValid();
	}

	@Test
	void aReplyThatTimedOutIsRetriedAndDeliveredOnce() throws Exception {
		double before = answered("reply") + answered("presumed");
		// LINE takes longer than the app waits, and goes on with the request; then it is quick again.
		line.next(Endpoint.REPLY, Outcome.slow(Duration.ofSeconds(6)));
		ObjectNode question = question(user(), "สวัสดีค่ะ", clock.instant());

		assertThat(post(question)).isEqualTo(200);

		awaitDrained();
		// Whichever of the slow one and the retry LINE finished first used the token; the other got 400.
		await().atMost(Duration.ofSeconds(10)).until(() -> replies(token(question)).size() == 2);
		assertThat(statuses(replies(token(question)))).containsExactlyInAnyOrder(200, 400);
		assertThat(line.replies()).isEqualTo(1);
		assertThat(line.requests(Endpoint.PUSH)).isEmpty();
		assertThat(answered("reply") + answered("presumed") - before).isEqualTo(1);
		assertThat(meters.counter("bot.line.calls", "endpoint", "reply", "status", "none").count()).isGreaterThanOrEqualTo(1);
	}

	@Test
	void anUnknownOutcomeThenInvalidReplyTokenCountsAsAnsweredWithoutAPush() throws Exception {
		double before = answered("presumed");
		line.next(Endpoint.REPLY, Outcome.acceptThenServerError());
		ObjectNode question = question(user(), "ขอบคุณครับ", clock.instant());

		assertThat(post(question)).isEqualTo(200);

		awaitDrained();
		assertThat(statuses(replies(token(question)))).containsExactly(500, 400);
		assertThat(line.replies()).isEqualTo(1);
		assertThat(line.requests(Endpoint.PUSH)).isEmpty();
		assertThat(answered("presumed") - before).isEqualTo(1);
	}

	@Test
	void aQuestionWhoseTokenExpiredBeforeAnyAttemptIsPushedOnceUnderItsRetryKey() throws Exception {
		String user = user();
		Instant asked = clock.instant();
		ObjectNode question = question(user, "ยังยื่นของบบูรณาการปี 64 ได้ไหมคะ", asked);
		// LINE takes the push and answers 500: the retry, under the same key, gets 409 and delivers nothing.
		line.next(Endpoint.PUSH, Outcome.acceptThenServerError());

		// Accepted while no worker runs (an outage, a crash), and taken up after the token's time.
		whileNoWorkerRuns(() -> {
			assertThat(post(question)).isEqualTo(200);
			clock.advance(Duration.ofSeconds(60));
		});

		awaitDrained();
		assertThat(replies(token(question))).isEmpty();
		List<ReceivedRequest> pushes = pushesTo(user);
		assertThat(statuses(pushes)).containsExactly(500, 409);
		UUID key = UUID.nameUUIDFromBytes(("reply:" + question.get("webhookEventId").asText()).getBytes(StandardCharsets.UTF_8));
		assertThat(pushes).allSatisfy(push -> assertThat(push.retryKey()).isEqualTo(key.toString()));
		assertThat(pushes.get(0).json().at("/messages/0/text").asText())
			.startsWith("คำตอบของคำถามเมื่อ " + bangkok(asked) + " น.: ")
			.contains("2564");
		assertThat(line.deliveries(user)).isEqualTo(1);
		line.assertEveryRequestValid();
	}

	@Test
	void anEnglishAnswerPushedLateSaysSoInEnglish() throws Exception {
		String user = user();
		Instant asked = clock.instant();
		ObjectNode question = question(user, "Who chairs sub-committee 1.3?", asked);

		whileNoWorkerRuns(() -> {
			assertThat(post(question)).isEqualTo(200);
			clock.advance(Duration.ofMinutes(5));
		});

		awaitDrained();
		assertThat(pushesTo(user)).singleElement()
			.satisfies(push -> assertThat(push.json().at("/messages/0/text").asText())
				.startsWith("Answer to your question at " + bangkok(asked) + ": ")
				.contains("Prawit"));
	}

	@Test
	void aReplyRateLimitedUntilItsTokenIsTooOldIsPushed() throws Exception {
		String user = user();
		ObjectNode question = question(user, "สวัสดีค่ะ", clock.instant());
		Outcome[] limited = new Outcome[1000];
		java.util.Arrays.fill(limited, Outcome.rateLimited());
		line.next(Endpoint.REPLY, limited);

		assertThat(post(question)).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10)).until(() -> replies(token(question)).size() >= 2);
		clock.advance(Duration.ofSeconds(51));

		awaitDrained();
		// A 429 sent nothing, so nothing reached the user: the push is the only answer.
		assertThat(statuses(replies(token(question)))).containsOnly(429);
		assertThat(statuses(pushesTo(user))).containsExactly(200);
		assertThat(line.deliveries(user)).isEqualTo(1);
	}

	@Test
	void aReplyOfUnknownOutcomeUntilItsTokenIsTooOldCountsAsAnsweredAndIsNotPushed() throws Exception {
		double before = answered("presumed");
		String user = user();
		ObjectNode question = question(user, "สวัสดีค่ะ", clock.instant());
		Outcome[] failing = new Outcome[1000];
		java.util.Arrays.fill(failing, Outcome.serverError());
		line.next(Endpoint.REPLY, failing);

		assertThat(post(question)).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10)).until(() -> replies(token(question)).size() >= 2);
		clock.advance(Duration.ofSeconds(51));

		awaitDrained();
		assertThat(pushesTo(user)).as("the reply may have arrived: a push could answer twice").isEmpty();
		assertThat(answered("presumed") - before).isEqualTo(1);
	}

	@Test
	void aPoisonEventEndsAsADeadLetterAfterMaxTriesAndTheEventsBehindItAreAnswered() throws Exception {
		String user = user();
		Instant now = clock.instant();
		ObjectNode poison = Webhooks.event("postback", Webhooks.newReplyToken(), user);
		poison.put("timestamp", now.toEpochMilli());
		poison.putObject("postback").put("data", "poison=yes");
		ObjectNode behind = question(user, "สวัสดีค่ะ", now.plusMillis(1));
		ObjectNode other = question(user(), "ขอบคุณค่ะ", now);

		assertThat(post(poison, behind, other)).isEqualTo(200);

		awaitDrained();
		assertThat(statuses(replies(token(behind)))).containsExactly(200);
		assertThat(statuses(replies(token(other)))).containsExactly(200);
		assertThat(replies(token(poison))).isEmpty();
		AdminApi.Response letters = new AdminApi(port, ADMIN).get("/api/admin/inbox/dead-letters");
		assertThat(letters.status()).isEqualTo(200);
		AdminApi.Response tooMany = new AdminApi(port, ADMIN).get("/api/admin/inbox/dead-letters?limit=501");
		assertThat(tooMany.status()).isEqualTo(400);
		assertThat(tooMany.body().get("errors").get(0).asText()).isEqualTo("limit: must be 1 to 500, not 501");
		JsonNode letter = find(letters.body(), poison.get("webhookEventId").asText());
		assertThat(letter.get("type").asText()).isEqualTo("postback");
		assertThat(letter.get("user").asText()).isEqualTo(hashes.hash(user));
		assertThat(letter.get("tries").asInt()).isEqualTo(3);
		assertThat(letter.get("error").asText()).contains("IllegalStateException").contains("a bug in a feature");
		assertThat(letter.get("firstFailure").asText()).isNotBlank();
		assertThat(letter.get("lastFailure").asText()).isNotBlank();
		assertThat(letters.raw().body()).doesNotContain(user).doesNotContain("poison=yes");
	}

	@Test
	void anUnreadableEntryEndsAsADeadLetterWithoutHoldingUpItsPartition() throws Exception {
		String user = user();
		String key = "01UNREADABLE" + UUID.randomUUID().toString().substring(0, 8);
		String partition = EventInbox.PREFIX + ":" + EventInbox.partitionOf(user);
		redis.opsForHash().put(EventInbox.DELIVERY_PREFIX + key, "queued", String.valueOf(clock.millis()));
		redis.opsForStream().add(partition, Map.of("event", "{not json", "chat", user, "ts", "1", "key", key));
		ObjectNode behind = question(user, "สวัสดีค่ะ", clock.instant());

		assertThat(post(behind)).isEqualTo(200);

		awaitDrained();
		assertThat(statuses(replies(token(behind)))).containsExactly(200);
		JsonNode letter = find(new AdminApi(port, ADMIN).get("/api/admin/inbox/dead-letters").body(), key);
		assertThat(letter.get("error").asText()).contains("unreadable");
		assertThat(letter.get("tries").asInt()).isEqualTo(3);
	}

	@Test
	void oneUsersQuickMessagesAreAnsweredInOrderWhileAnotherUserIsAnsweredMeanwhile() throws Exception {
		String first = user();
		String second = userInPartitionOf(first);
		Instant now = clock.instant();
		List<ObjectNode> quick = new ArrayList<>();
		String[] texts = { "สวัสดีค่ะ", "ยังยื่นของบปี 64 ได้ไหม", "ครม.มีมติเมื่อไหร่", "มีกี่แผนงาน", "ขอบคุณค่ะ" };
		for (int i = 0; i < texts.length; i++) {
			quick.add(question(first, texts[i], now.plusMillis(i * 300L)));
		}
		ObjectNode meanwhile = question(second, "ติดต่อ สพร. ได้ทางไหน", now.plusMillis(100));
		// LINE is slow to take the first user's first reply: the other user's must not wait for it.
		LineMessagingStub.Hold slow = line.hold(Endpoint.REPLY, body -> token(quick.get(0)).equals(body.path("replyToken").asText()));
		List<ObjectNode> shuffled = new ArrayList<>(quick);
		Collections.reverse(shuffled);
		shuffled.add(2, meanwhile);

		assertThat(post(shuffled.toArray(ObjectNode[]::new))).isEqualTo(200);
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> slow.waiting() == 1);
			await().atMost(Duration.ofSeconds(10)).until(() -> statuses(replies(token(meanwhile))).contains(200));
			assertThat(replies(token(quick.get(1)))).as("the first user's next message waits for the first").isEmpty();
		}
		finally {
			slow.release();
		}

		awaitDrained();
		List<String> order = line.requests(Endpoint.REPLY)
			.stream()
			.map(r -> r.json().path("replyToken").asText())
			.filter(t -> quick.stream().anyMatch(q -> token(q).equals(t)))
			.toList();
		assertThat(order).containsExactlyElementsOf(quick.stream().map(InboxEndToEndTest::token).toList());
	}

	@Test
	void pastTheMaxDepthTheWebhookAnswers503AndNothingIsTrimmed() throws Exception {
		List<ObjectNode> accepted = new ArrayList<>();
		ObjectNode refused = question(user(), "สวัสดีค่ะ", clock.instant());
		whileNoWorkerRuns(() -> {
			for (int i = 0; i < 20; i++) {
				ObjectNode question = question(user(), "สวัสดีค่ะ", clock.instant());
				assertThat(post(question)).isEqualTo(200);
				accepted.add(question);
			}
			double unavailable = meters.counter("bot.webhook.events", "type", "message", "outcome", "unavailable").count();
			WebhookClient.Answer full = client().postForAnswer(Webhooks.body(refused));
			assertThat(full.status()).isEqualTo(503);
			assertThat(meters.counter("bot.webhook.events", "type", "message", "outcome", "unavailable").count() - unavailable)
				.isEqualTo(1);
			assertThat(full.contentType()).startsWith("application/problem+json");
			assertThat(inbox.snapshot().waiting()).as("nothing trimmed, nothing more taken").isEqualTo(20);
			assertThat(redis.hasKey(EventInbox.SEEN_PREFIX + refused.get("webhookEventId").asText())).isFalse();
		});

		awaitDrained();
		// LINE sends the refused webhook again, and now there is room.
		assertThat(post(refused)).isEqualTo(200);
		awaitDrained();
		accepted.add(refused);
		assertThat(accepted).allSatisfy(q -> assertThat(statuses(replies(token(q)))).containsExactly(200));
	}

	@Test
	void theInboxWorksAgainAfterRedisLostItsStreams() throws Exception {
		awaitDrained();
		// As after a Redis restarted without its data: no streams, no consumer groups, no leases.
		List<String> keys = new ArrayList<>(inbox.partitions());
		for (int i = 0; i < EventInbox.PARTITIONS; i++) {
			keys.add(EventInbox.PREFIX + ":lease:" + i);
		}
		keys.add(EventInbox.PREFIX + ":holders");
		redis.delete(keys);
		ObjectNode question = question(user(), "สวัสดีค่ะ", clock.instant());

		assertThat(post(question)).isEqualTo(200);

		await().atMost(Duration.ofSeconds(30)).until(() -> statuses(replies(token(question))).contains(200));
		awaitDrained();
	}

	@Test
	void theInboxViewSaysWhenEverythingIsFinished() throws Exception {
		awaitDrained();
		AdminApi.Response view = new AdminApi(port, ADMIN).get("/api/admin/inbox");

		assertThat(view.status()).isEqualTo(200);
		assertThat(view.body().get("waiting").asLong()).isZero();
		assertThat(view.body().get("drained").asBoolean()).isTrue();
		assertThat(view.body().get("partitionsHere")).hasSize(EventInbox.PARTITIONS);
		assertThat(new AdminApi(port, "not-a-token").get("/api/admin/inbox").status()).isEqualTo(401);
		await().atMost(Duration.ofSeconds(5)).until(() -> meters.find("bot.inbox.depth").gauge() != null
				&& meters.find("bot.inbox.depth").gauge().value() == 0);
		assertThat(meters.find("bot.inbox.oldest.age").gauge()).isNotNull();
		assertThat(meters.find("bot.inbox.dead.letters").gauge()).isNotNull();
	}

	// --- helpers ---

	private static JsonNode find(JsonNode letters, String webhookEventId) {
		for (JsonNode letter : letters) {
			if (webhookEventId.equals(letter.path("webhookEventId").asText())) {
				return letter;
			}
		}
		throw new AssertionError("no dead letter for " + webhookEventId + " in " + letters);
	}

	private double answered(String by) {
		return meters.counter("bot.inbox.answered", "by", by).count();
	}

	/** What a step does happens while this instance's inbox works on nothing (no other instance shares its Redis). */
	private void whileNoWorkerRuns(Step step) throws Exception {
		awaitDrained();
		dispatcher.stop();
		try {
			step.run();
		}
		finally {
			dispatcher.start();
		}
	}

	@FunctionalInterface
	private interface Step {

		void run() throws Exception;

	}

	private void awaitDrained() {
		await().atMost(Duration.ofSeconds(30)).until(inbox::isDrained);
	}

	private int post(ObjectNode... events) throws Exception {
		return client().post(Webhooks.body(events));
	}

	private WebhookClient client() {
		return new WebhookClient(port, SECRET, null);
	}

	private static String user() {
		return "U" + UUID.randomUUID().toString().replace("-", "");
	}

	/** Another user whose chat is in the same partition: parallel within a partition, not only across. */
	private static String userInPartitionOf(String user) {
		while (true) {
			String other = user();
			if (EventInbox.partitionOf(other) == EventInbox.partitionOf(user)) {
				return other;
			}
		}
	}

	private static ObjectNode question(String user, String text, Instant at) {
		ObjectNode event = Webhooks.text(Webhooks.newReplyToken(), text);
		((ObjectNode) event.get("source")).put("userId", user);
		event.put("timestamp", at.toEpochMilli());
		return event;
	}

	private static String token(ObjectNode event) {
		return event.get("replyToken").asText();
	}

	private List<ReceivedRequest> replies(String token) {
		return line.requests(Endpoint.REPLY).stream().filter(r -> token.equals(r.json().path("replyToken").asText())).toList();
	}

	private List<ReceivedRequest> pushesTo(String user) {
		return line.requests(Endpoint.PUSH).stream().filter(r -> user.equals(r.json().path("to").asText())).toList();
	}

	private static List<Integer> statuses(List<ReceivedRequest> requests) {
		return requests.stream().map(ReceivedRequest::status).toList();
	}

	private static String bangkok(Instant at) {
		return HOUR_MINUTE.format(at.atZone(ZoneId.of("Asia/Bangkok")));
	}

}
