package th.or.dga.budgetbot.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

import com.fasterxml.jackson.databind.node.ObjectNode;

import th.or.dga.budgetbot.line.LineMessagingStub.Delivery;
import th.or.dga.budgetbot.line.LineMessagingStub.Endpoint;
import th.or.dga.budgetbot.line.LineMessagingStub.Outcome;
import th.or.dga.budgetbot.line.LineMessagingStub.ReceivedRequest;
import th.or.dga.budgetbot.process.RunningBot;

/**
 * LINE answering replies with 500 for a while, or not answering them within the bot's reply
 * timeout: the bot retries each reply while its token is young, and every question is
 * answered exactly once, as LINE's single-use reply tokens make sure; and one user's quick
 * messages are answered in the order sent. Against the packaged jar as a process (the
 * {@link RunningBot#shared() shared} one: these scenarios leave it as they found it), its own
 * Redis server and the stub LINE API over HTTP.
 */
class ReplyFaultsIT {

	static final Duration ANSWERED_WITHIN = Duration.ofSeconds(60);

	/** Well past the 2-s reply timeout, leaving the bot time to back off before it tries again. */
	static final Duration STUB_HANG = Duration.ofSeconds(6);

	private static RunningBot bot;

	private static LineMessagingStub line;

	private java.util.Set<String> deadLettersBefore;

	@RegisterExtension
	final TestWatcher printsTheAppLogOnFailure = new TestWatcher() {
		@Override
		public void testFailed(ExtensionContext context, Throwable cause) {
			System.err.println("--- the app's log ends:\n" + (bot == null ? "(not started)" : bot.tail(150)));
		}
	};

	@BeforeAll
	static void startTheBot() {
		bot = RunningBot.shared();
		line = bot.line();
	}

	@BeforeEach
	void startFromADrainedInbox() {
		bot.awaitDrained(ANSWERED_WITHIN);
		deadLettersBefore = bot.deadLetterIds();
	}

	@Test
	void everyQuestionIsAnsweredExactlyOnceWhenLineAnswers500ForAWhile() {
		List<String> users = users(8);
		// Before LINE recovers, 14 replies fail: a 500 with nothing sent, a 500 after LINE sent
		// the reply (the retry then finds its token used), and the rate limit.
		line.next(Endpoint.REPLY, Outcome.serverError(), Outcome.acceptThenServerError(), Outcome.serverError(),
				Outcome.rateLimited(), Outcome.acceptThenServerError(), Outcome.serverError(), Outcome.serverError(),
				Outcome.acceptThenServerError(), Outcome.serverError(), Outcome.rateLimited(), Outcome.serverError(),
				Outcome.acceptThenServerError(), Outcome.serverError(), Outcome.serverError());

		for (String user : users) {
			assertThat(bot.post(Webhooks.body(bot.question(user, "ยังยื่นของบบูรณาการรัฐบาลดิจิทัลปี 64 ได้ไหมคะ"))).status())
				.isEqualTo(200);
		}
		bot.awaitAnswered(users, ANSWERED_WITHIN);
		bot.awaitDrained(ANSWERED_WITHIN);

		// No event is answered before the script is used up: each failure met a reply attempt.
		assertThat(line.scripted(Endpoint.REPLY)).as("scripted failures not met").isZero();
		assertThat(bot.notAnsweredExactlyOnce(users)).as("users not answered exactly once").isEmpty();
		// Young tokens: nothing needed a push.
		assertThat(users).allSatisfy(u -> assertThat(line.deliveriesTo(u)).extracting(Delivery::endpoint).containsOnly(Endpoint.REPLY));
		assertThat(bot.deadLetterIds()).as("dead letters").isEqualTo(deadLettersBefore);
	}

	@Test
	void everyQuestionIsAnsweredExactlyOnceWhenLineHangsLongerThanTheReplyTimeout() {
		List<String> users = users(6);
		// Longer than the bot's 2-s reply timeout: some replies LINE sends late, others never.
		line.next(Endpoint.REPLY, Outcome.slow(STUB_HANG), Outcome.hangThenServerError(STUB_HANG), Outcome.slow(STUB_HANG),
				Outcome.hangThenServerError(STUB_HANG), Outcome.hangThenServerError(STUB_HANG), Outcome.slow(STUB_HANG),
				Outcome.hangThenServerError(STUB_HANG));
		List<String> tokens = new ArrayList<>();

		for (String user : users) {
			ObjectNode question = bot.question(user, "ติดต่อ สพร. ได้ทางไหนบ้างคะ");
			tokens.add(question.get("replyToken").asText());
			assertThat(bot.post(Webhooks.body(question)).status()).isEqualTo(200);
		}
		bot.awaitAnswered(users, ANSWERED_WITHIN);
		bot.awaitDrained(ANSWERED_WITHIN);

		assertThat(line.scripted(Endpoint.REPLY)).as("scripted hangs not met").isZero();
		assertThat(bot.notAnsweredExactlyOnce(users)).as("users not answered exactly once").isEmpty();
		assertThat(users).allSatisfy(u -> assertThat(line.deliveriesTo(u)).extracting(Delivery::endpoint).containsOnly(Endpoint.REPLY));
		// The bot gave up on a hanging reply and tried again while LINE still held the first.
		assertThat(retriedWhileTheFirstHung(tokens)).as("tokens retried while their first reply still hung; replies: %s",
				repliesByToken(tokens)).isNotEmpty();
		assertThat(bot.deadLetterIds()).as("dead letters").isEqualTo(deadLettersBefore);
	}

	@Test
	void oneUsersFiveQuickMessagesAreAnsweredInTheOrderSent() {
		List<String> questions = List.of("สวัสดีค่ะ", "ติดต่อ สพร. ได้ทางไหนบ้างคะ", "คุณคือใคร", "ขอบคุณค่ะ", "บายค่ะ");
		Map<String, String> answers = answersAskedOneByOne(questions);
		assertThat(new HashSet<>(answers.values())).as("the five answers tell the questions apart: " + answers).hasSize(5);
		String user = Webhooks.newUserId();
		// The first reply is slow (within the reply timeout): answered in parallel, the others would overtake it.
		line.next(Endpoint.REPLY, Outcome.slow(Duration.ofMillis(1500)));
		long sentAt = Instant.now().toEpochMilli();

		for (int i = 0; i < questions.size(); i++) {
			ObjectNode message = bot.question(user, questions.get(i));
			message.put("timestamp", sentAt + i);
			assertThat(bot.post(Webhooks.body(message)).status()).isEqualTo(200);
		}
		await().atMost(ANSWERED_WITHIN).until(() -> line.deliveries(user) >= questions.size());
		bot.awaitDrained(ANSWERED_WITHIN);

		assertThat(line.deliveriesTo(user)).extracting(Delivery::text)
			.containsExactlyElementsOf(questions.stream().map(answers::get).toList());
		assertThat(line.deliveries(user)).isEqualTo(questions.size());
		assertThat(bot.deadLetterIds()).as("dead letters").isEqualTo(deadLettersBefore);
	}

	/** Each question asked by a user of its own, one at a time: what it is answered. */
	private Map<String, String> answersAskedOneByOne(List<String> questions) {
		Map<String, String> answers = new LinkedHashMap<>();
		for (String question : questions) {
			String asker = Webhooks.newUserId();
			assertThat(bot.post(Webhooks.body(bot.question(asker, question))).status()).isEqualTo(200);
			bot.awaitAnswered(List.of(asker), ANSWERED_WITHIN);
			answers.put(question, line.deliveriesTo(asker).get(0).text());
		}
		bot.awaitDrained(ANSWERED_WITHIN);
		return answers;
	}

	/** Tokens whose reply was sent again less than {@link #STUB_HANG} after the first: the bot did not wait for the hang. */
	private static List<String> retriedWhileTheFirstHung(List<String> tokens) {
		Map<String, List<ReceivedRequest>> byToken = line.requests(Endpoint.REPLY)
			.stream()
			.collect(Collectors.groupingBy(r -> r.json().path("replyToken").asText()));
		return tokens.stream().filter(token -> {
			List<ReceivedRequest> sent = byToken.getOrDefault(token, List.of());
			return sent.size() >= 2 && sent.get(1).arrivalNanos() - sent.get(0).arrivalNanos() < STUB_HANG.toNanos();
		}).toList();
	}

	/** Per token: when each reply with it arrived (ms after the first of all) and LINE's status. */
	private static String repliesByToken(List<String> tokens) {
		List<ReceivedRequest> replies = line.requests(Endpoint.REPLY);
		long first = replies.isEmpty() ? 0 : replies.get(0).arrivalNanos();
		return tokens.stream()
			.map(token -> token.substring(0, 6) + "=" + replies.stream()
				.filter(r -> token.equals(r.json().path("replyToken").asText()))
				.map(r -> (r.arrivalNanos() - first) / 1_000_000 + "ms:" + r.status())
				.toList())
			.collect(Collectors.joining(", "));
	}

	private static List<String> users(int count) {
		return IntStream.range(0, count).mapToObj(i -> Webhooks.newUserId()).toList();
	}

}
