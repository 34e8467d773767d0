package th.or.dga.budgetbot.line;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;

import com.fasterxml.jackson.databind.JsonNode;

import th.or.dga.budgetbot.line.WebhookBodies.Body;
import th.or.dga.budgetbot.process.RunningBot;

/**
 * Correctly signed webhook bodies of every odd kind ({@link WebhookBodies}) posted to the jar as
 * a process: never a 5xx, never an answer later than LINE's 2 s (LINE counts a later one as
 * failed; measured per request), and afterwards the bot answers a question as usual and its
 * inbox drains; the only dead letters added are sends LINE refused (a fuzzed user id or reply
 * token): the door refuses what the workers could not read.
 *
 * <p>
 * Runs against the {@link RunningBot#shared() shared} jar rather than an app in this JVM on a
 * random port: the in-JVM app would cost a start of its own too (the context and the
 * classifier's training are most of a start either way), while the shared jar is already
 * running, and the door measured is then the packaged one, with its own JVM and Tomcat.
 */
class WebhookFuzzIT {

	static final Duration LINE_TIMEOUT = Duration.ofSeconds(2);

	static final Duration DRAINED_WITHIN = Duration.ofSeconds(120);

	private static RunningBot bot;

	private static Set<String> deadLettersBefore;

	private static final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();

	private static final AtomicLong slowestMillis = new AtomicLong();

	@BeforeContainer
	static void startTheBot() {
		bot = RunningBot.shared();
		bot.awaitDrained(DRAINED_WITHIN);
		deadLettersBefore = bot.deadLetterIds();
	}

	@Property(tries = 250)
	void aSignedBodyIsNeverA5xxNorLaterThanLinesTwoSeconds(@ForAll("webhookBodies") Body body) {
		RunningBot.WebhookAnswer answer = bot.post(body.bytes());
		statuses.computeIfAbsent(answer.status(), s -> new LongAdder()).increment();
		slowestMillis.accumulateAndGet(answer.took().toMillis(), Math::max);

		assertThat(answer.status()).as("the status (0: no answer within 10 s)").isBetween(200, 499);
		assertThat(answer.took()).as("time to answer").isLessThanOrEqualTo(LINE_TIMEOUT);
	}

	@Provide
	Arbitrary<Body> webhookBodies() {
		return WebhookBodies.any();
	}

	@AfterProperty
	void theBotAnswersAsUsualAfterwards() {
		Map<Integer, Long> counts = new TreeMap<>();
		statuses.forEach((status, count) -> counts.put(status, count.sum()));
		System.out.printf("Fuzzed webhooks by status: %s; slowest answer %d ms%n", counts, slowestMillis.get());
		String user = Webhooks.newUserId();

		assertThat(bot.post(Webhooks.body(bot.question(user, "ติดต่อ สพร. ได้ทางไหนบ้างคะ"))).status()).isEqualTo(200);
		bot.awaitAnswered(List.of(user), DRAINED_WITHIN);
		bot.awaitDrained(DRAINED_WITHIN);

		assertThat(bot.line().deliveries(user)).isEqualTo(1);
		List<JsonNode> added = new ArrayList<>();
		bot.deadLetters().forEach(letter -> {
			if (!deadLettersBefore.contains(letter.path("id").asText(letter.path("webhookEventId").asText()))) {
				added.add(letter);
			}
		});
		System.out.printf("Dead letters added by the fuzzed bodies: %d%s%n", added.size(),
				added.stream().map(letter -> "\n  " + letter).collect(Collectors.joining()));
		// The door takes only events the workers can read: what ends as a dead letter is what LINE
		// itself refused to send (a fuzzed user id or reply token), never an event that failed.
		assertThat(added).as("dead letters other than LINE's refusals (a 4xx)")
			.allSatisfy(letter -> assertThat(letter.path("error").asText()).containsPattern("\\b4\\d\\d\\b"));
		bot.app().assertAlive();
	}

}
