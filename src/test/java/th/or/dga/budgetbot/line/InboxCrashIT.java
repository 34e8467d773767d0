package th.or.dga.budgetbot.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

import com.fasterxml.jackson.databind.node.ObjectNode;

import th.or.dga.budgetbot.line.LineMessagingStub.Delivery;
import th.or.dga.budgetbot.line.LineMessagingStub.Endpoint;
import th.or.dga.budgetbot.line.LineMessagingStub.Outcome;
import th.or.dga.budgetbot.process.RunningBot;

/**
 * Questions whose reply tokens expire before any reply reached LINE, because the bot was killed
 * (SIGKILL) with them waiting or LINE was out of reach, are answered exactly once by push,
 * under a retry key derived from the webhookEventId and prefixed with the time they were
 * asked; a reply LINE took just before the kill is not answered again; questions still young
 * after a restart are answered by reply. A short reply window ({@link #WINDOW}) lets tokens
 * expire within the test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InboxCrashIT {

	/** Tokens expire this long after their event arrives: the bot's {@code app.line.reply-retry-window}. */
	static final Duration WINDOW = Duration.ofSeconds(10);

	/** How long LINE holds the reply in flight at the kill: longer than the steps before the kill take. */
	static final Duration HELD = Duration.ofSeconds(10);

	static final Duration ANSWERED_WITHIN = Duration.ofSeconds(60);

	static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");

	static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm");

	static final String QUESTION_TH = "ยังยื่นของบบูรณาการรัฐบาลดิจิทัลปี 64 ได้ไหมคะ";

	static final String QUESTION_EN = "Can we still submit a budget request for FY2564?";

	private static RunningBot bot;

	private static LineMessagingStub line;

	@RegisterExtension
	final TestWatcher printsTheAppLogOnFailure = new TestWatcher() {
		@Override
		public void testFailed(ExtensionContext context, Throwable cause) {
			System.err.println("--- the app's log ends:\n" + (bot == null ? "(not started)" : bot.tail(200)));
		}
	};

	@BeforeAll
	static void startTheBot() {
		bot = RunningBot.start("inbox-crash-it", "--app.line.reply-retry-window=" + WINDOW.toSeconds() + "s",
				// One worker, held by a reply in flight: what is accepted behind it waits untried.
				"--app.line.workers=1",
				// The held reply stays in flight until the kill, however slow the machine.
				"--app.line.reply-timeout=" + HELD.plusSeconds(20).toSeconds() + "s");
		line = bot.line();
	}

	@AfterAll
	static void stopEverything() {
		if (bot != null) {
			bot.close();
		}
	}

	@Test
	@Order(1)
	void questionsWhoseTokensExpiredWhileLineWasOutOfReachAreAnsweredOnceByPush() {
		Map<String, ObjectNode> questions = questions(3);

		line.unreachable();
		long posted = Instant.now().toEpochMilli();
		try {
			postAll(questions);
			// Every connection refused: no reply reached LINE before the tokens expired.
			awaitTokensExpired(posted);
		}
		finally {
			line.reachable();
		}
		bot.awaitAnswered(questions.keySet(), ANSWERED_WITHIN);
		bot.awaitDrained(ANSWERED_WITHIN);

		assertThat(bot.notAnsweredExactlyOnce(questions.keySet())).as("users not answered exactly once").isEmpty();
		questions.forEach(InboxCrashIT::assertAnsweredByPush);
		assertThat(bot.deadLetters()).isEmpty();
	}

	@Test
	@Order(2)
	void questionsAcceptedBeforeAKillAreAnsweredExactlyOnceAfterTheRestartByReplyOrByPush() {
		// A reply LINE takes and holds past the kill, then sends: the bot cannot know it went. It
		// holds the bot's one worker, so the questions after it are accepted and wait untried.
		String inFlight = Webhooks.newUserId();
		line.next(Endpoint.REPLY, Outcome.slow(HELD));
		long posted = Instant.now().toEpochMilli();
		assertThat(bot.post(Webhooks.body(bot.question(inFlight, "ติดต่อ สพร. ได้ทางไหนบ้างคะ"))).status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(30)).until(() -> line.requestCount(Endpoint.REPLY) >= 1);
		Map<String, ObjectNode> expiring = questions(4);
		postAll(expiring);

		assertThat(line.deliveries(inFlight)).as("the held reply still in flight at the kill").isZero();
		assertThat(line.requestCount(Endpoint.REPLY)).as("replies LINE saw before the kill").isEqualTo(1);
		bot.kill();
		awaitTokensExpired(posted);
		await("the held reply sent").atMost(HELD.plusSeconds(30)).until(() -> line.deliveries(inFlight) == 1);
		// LINE back, failing the first pushes of the new start.
		line.recovered(Endpoint.REPLY);
		line.next(Endpoint.PUSH, Outcome.acceptThenServerError(), Outcome.serverError());
		bot.startAgain();
		List<String> users = new ArrayList<>(expiring.keySet());
		users.add(inFlight);
		bot.awaitAnswered(users, ANSWERED_WITHIN);
		bot.awaitDrained(ANSWERED_WITHIN);

		assertThat(bot.notAnsweredExactlyOnce(users)).as("users not answered exactly once").isEmpty();
		assertThat(line.deliveriesTo(inFlight)).extracting(Delivery::endpoint).containsExactly(Endpoint.REPLY);
		expiring.forEach(InboxCrashIT::assertAnsweredByPush);
		assertThat(line.scripted(Endpoint.PUSH)).isZero();
		// The push LINE took before answering 500 went again under its key, and LINE said it had it.
		assertThat(line.responses(Endpoint.PUSH)).containsKey(409);

		// Killed again with questions waiting, LINE refusing their replies for the rate limit (429:
		// nothing sent), and back well within their window: answered by reply.
		line.failing(Endpoint.REPLY, Outcome.rateLimited());
		Map<String, ObjectNode> young = questions(4);
		postAll(young);
		awaitRefusedOnce(young);
		bot.kill();
		line.recovered(Endpoint.REPLY);
		line.next(Endpoint.REPLY, Outcome.serverError(), Outcome.acceptThenServerError());
		// A window that outlasts any start, so that the tokens are young whatever the machine.
		bot.startAgain("--app.line.reply-retry-window=300s");
		bot.awaitAnswered(young.keySet(), ANSWERED_WITHIN);
		bot.awaitDrained(ANSWERED_WITHIN);

		assertThat(bot.notAnsweredExactlyOnce(young.keySet())).as("users not answered exactly once").isEmpty();
		assertThat(young.keySet()).allSatisfy(u -> assertThat(line.deliveriesTo(u)).extracting(Delivery::endpoint)
			.as("answered by reply").containsExactly(Endpoint.REPLY));
		assertThat(line.scripted(Endpoint.REPLY)).isZero();
		assertThat(line.withoutRetryKeyCount()).isZero();
		assertThat(bot.deadLetters()).isEmpty();
	}

	/** Questions of new users, the first in English, the others in Thai, by user. */
	private static Map<String, ObjectNode> questions(int count) {
		Map<String, ObjectNode> questions = new LinkedHashMap<>();
		for (int i = 0; i < count; i++) {
			String user = Webhooks.newUserId();
			questions.put(user, bot.question(user, i == 0 ? QUESTION_EN : QUESTION_TH));
		}
		return questions;
	}

	private static void postAll(Map<String, ObjectNode> questions) {
		for (ObjectNode question : questions.values()) {
			assertThat(bot.post(Webhooks.body(question)).status()).isEqualTo(200);
		}
	}

	/** Waits until the window of events that arrived at {@code posted} is over, and a second more. */
	private static void awaitTokensExpired(long posted) {
		await("tokens past the window").atMost(WINDOW.plusSeconds(30))
			.until(() -> Instant.now().toEpochMilli() > posted + WINDOW.toMillis() + 1_000);
	}

	/** Waits until LINE has refused a reply to each of these questions: the bot tried, and nothing went. */
	private static void awaitRefusedOnce(Map<String, ObjectNode> questions) {
		Set<String> tokens = questions.values().stream().map(q -> q.get("replyToken").asText()).collect(Collectors.toSet());
		await("a refused reply to each").atMost(Duration.ofSeconds(30))
			.until(() -> line.requests(Endpoint.REPLY)
				.stream()
				.filter(r -> r.status() == 429)
				.map(r -> r.json().path("replyToken").asText())
				.collect(Collectors.toSet())
				.containsAll(tokens));
	}

	private static void assertAnsweredByPush(String user, ObjectNode question) {
		Delivery push = line.deliveriesTo(user).get(0);
		assertThat(push.endpoint()).as("answered by push").isEqualTo(Endpoint.PUSH);
		assertThat(push.retryKey()).as("retry key from the webhookEventId")
			.isEqualToIgnoringCase(retryKey(question.get("webhookEventId").asText()));
		assertThat(push.text()).startsWith(prefix(question));
	}

	/** The contract's retry key of a push that answers an event: UUID v3 of {@code "reply:" + webhookEventId}. */
	static String retryKey(String webhookEventId) {
		return UUID.nameUUIDFromBytes(("reply:" + webhookEventId).getBytes(StandardCharsets.UTF_8)).toString();
	}

	/** What a push answering this question starts with: the time it was asked, Bangkok time, in its language. */
	static String prefix(ObjectNode event) {
		String asked = HOUR_MINUTE.format(Instant.ofEpochMilli(event.get("timestamp").asLong()).atZone(BANGKOK));
		String text = event.get("message").get("text").asText();
		return text.chars().anyMatch(c -> Character.UnicodeBlock.of(c) == Character.UnicodeBlock.THAI)
				? "คำตอบของคำถามเมื่อ " + asked + " น.: " : "Answer to your question at " + asked + ": ";
	}

}
