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
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

import com.fasterxml.jackson.databind.node.ObjectNode;

import th.or.dga.budgetbot.line.LineMessagingStub.Delivery;
import th.or.dga.budgetbot.line.LineMessagingStub.Endpoint;
import th.or.dga.budgetbot.line.LineMessagingStub.Outcome;
import th.or.dga.budgetbot.process.RunningBot;

/**
 * The jar killed with SIGKILL while LINE refuses replies (429) and the questions it accepted
 * wait to be answered, and with one reply in flight, then started again: each is answered
 * exactly once. A question whose reply token is still young is answered by reply; one whose
 * token expired before any reply reached LINE, by push, under a retry key derived from its
 * webhookEventId and prefixed with the time it was asked; the one whose reply LINE took and
 * sent after the kill is not answered again, although its token too has expired.
 */
class InboxCrashIT {

	/** Set on the command line so that the test does not hang on the default. */
	static final Duration WINDOW = Duration.ofSeconds(90);

	/**
	 * What is left of the window of the questions made to expire: long enough for LINE to take
	 * them before the kill, short enough for them to be past it at the restart.
	 */
	static final Duration LEFT_OF_WINDOW = Duration.ofSeconds(8);

	/** How long LINE holds the reply in flight at the kill: longer than the steps before the kill take. */
	static final Duration HELD = Duration.ofSeconds(10);

	static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");

	static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm");

	private RunningBot bot;

	@RegisterExtension
	final TestWatcher printsTheAppLogOnFailure = new TestWatcher() {
		@Override
		public void testFailed(ExtensionContext context, Throwable cause) {
			System.err.println("--- the app's log ends:\n" + (bot == null ? "(not started)" : bot.tail(200)));
		}
	};

	@AfterEach
	void stopEverything() {
		if (bot != null) {
			bot.close();
		}
	}

	@Test
	void questionsAcceptedBeforeAKillAreAnsweredExactlyOnceAfterTheRestartByReplyOrByPush() {
		bot = RunningBot.start("inbox-crash-it", "--app.line.reply-retry-window=" + WINDOW.toSeconds() + "s");
		LineMessagingStub line = bot.line();
		long askedNearTheEnd = Instant.now().toEpochMilli() - WINDOW.minus(LEFT_OF_WINDOW).toMillis();

		// A reply LINE takes and holds past the kill, then sends: the bot cannot know it went.
		String inFlight = Webhooks.newUserId();
		line.next(Endpoint.REPLY, Outcome.slow(HELD));
		ObjectNode held = bot.question(inFlight, "ติดต่อ สพร. ได้ทางไหนบ้างคะ");
		held.put("timestamp", askedNearTheEnd);
		assertThat(bot.post(Webhooks.body(held)).status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(30)).until(() -> line.requestCount(Endpoint.REPLY) >= 1);

		// LINE refusing every reply for the rate limit (429: nothing sent): accepted questions wait.
		line.failing(Endpoint.REPLY, Outcome.rateLimited());
		Map<String, ObjectNode> expiring = new LinkedHashMap<>();
		Map<String, ObjectNode> young = new LinkedHashMap<>();
		for (int i = 0; i < 4; i++) {
			String text = i == 0 ? "Can we still submit a budget request for FY2564?" : "ยังยื่นของบบูรณาการรัฐบาลดิจิทัลปี 64 ได้ไหมคะ";
			ObjectNode nearTheEnd = bot.question(Webhooks.newUserId(), text);
			nearTheEnd.put("timestamp", askedNearTheEnd);
			expiring.put(nearTheEnd.get("source").get("userId").asText(), nearTheEnd);
			ObjectNode justAsked = bot.question(Webhooks.newUserId(), text);
			young.put(justAsked.get("source").get("userId").asText(), justAsked);
		}
		List<ObjectNode> waiting = concat(expiring, young);
		for (ObjectNode event : waiting) {
			assertThat(bot.post(Webhooks.body(event)).status()).isEqualTo(200);
		}
		await("a refused reply to each").atMost(Duration.ofSeconds(30)).until(() -> refusedTokens(line).containsAll(tokens(waiting)));

		assertThat(line.deliveries(inFlight)).as("the held reply still in flight at the kill").isZero();
		bot.kill();
		await("tokens past the window").atMost(WINDOW)
			.until(() -> Instant.now().toEpochMilli() > askedNearTheEnd + WINDOW.toMillis() + 1_000);
		await("the held reply sent").atMost(HELD.plusSeconds(30)).until(() -> line.deliveries(inFlight) == 1);
		// LINE back, failing the first reply and push attempts of the new start.
		line.recovered(Endpoint.REPLY);
		line.next(Endpoint.REPLY, Outcome.serverError(), Outcome.acceptThenServerError());
		line.next(Endpoint.PUSH, Outcome.acceptThenServerError(), Outcome.serverError());
		bot.startAgain();

		List<String> users = new ArrayList<>(List.of(inFlight));
		users.addAll(expiring.keySet());
		users.addAll(young.keySet());
		bot.awaitAnswered(users, Duration.ofSeconds(60));
		bot.awaitDrained(Duration.ofSeconds(60));

		assertThat(bot.notAnsweredExactlyOnce(users)).as("users not answered exactly once").isEmpty();
		assertThat(line.deliveriesTo(inFlight)).extracting(Delivery::endpoint).containsExactly(Endpoint.REPLY);
		assertThat(young.keySet()).allSatisfy(u -> assertThat(line.deliveriesTo(u)).extracting(Delivery::endpoint)
			.as("answered by reply").containsExactly(Endpoint.REPLY));
		expiring.forEach((user, event) -> {
			Delivery push = line.deliveriesTo(user).get(0);
			assertThat(push.endpoint()).as("answered by push").isEqualTo(Endpoint.PUSH);
			assertThat(push.retryKey()).as("retry key from the webhookEventId")
				.isEqualToIgnoringCase(retryKey(event.get("webhookEventId").asText()));
			assertThat(push.text()).startsWith(prefix(event));
		});
		assertThat(line.scripted(Endpoint.REPLY)).isZero();
		assertThat(line.scripted(Endpoint.PUSH)).isZero();
		// The push LINE took before answering 500 went again under its key, and LINE said it had it.
		assertThat(line.responses(Endpoint.PUSH)).containsKey(409);
		assertThat(line.withoutRetryKeyCount()).isZero();
		assertThat(bot.deadLetters()).isEmpty();
	}

	private static java.util.Set<String> refusedTokens(LineMessagingStub line) {
		return line.requests(Endpoint.REPLY)
			.stream()
			.filter(r -> r.status() == 429)
			.map(r -> r.json().path("replyToken").asText())
			.collect(java.util.stream.Collectors.toSet());
	}

	private static List<String> tokens(List<ObjectNode> events) {
		return events.stream().map(e -> e.get("replyToken").asText()).toList();
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

	@SafeVarargs
	private static List<ObjectNode> concat(Map<String, ObjectNode>... maps) {
		List<ObjectNode> all = new ArrayList<>();
		for (Map<String, ObjectNode> map : maps) {
			all.addAll(map.values());
		}
		return all;
	}

}
