package th.or.dga.budgetbot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The quality gate of the bot's answers, on questions written apart from the training
 * examples (intents/tests). In scope: the answer must come from the expected intent
 * (top-1); out of scope: no answer from facts; near misses (in-domain wording asking for what
 * the facts do not hold): "I do not have that", never the nearest fact.
 */
class AnswerQualityTest {

	static final double MIN_IN_SCOPE_ACCURACY = 0.92;

	static final double MAX_OUT_OF_SCOPE_ACCEPTED = 0.10;

	static final double MIN_NEAR_MISS_DECLINED = 0.85;

	private static Conversation conversation;

	@BeforeAll
	static void train() {
		conversation = TestConversations.conversation();
	}

	@Test
	void answersHeldOutQuestionsWithTheExpectedIntent() throws IOException {
		List<String[]> questions = read("heldout.tsv");
		Map<String, int[]> table = new TreeMap<>(); // intent -> {tp, fp, fn}
		List<String> misses = new ArrayList<>();
		int correct = 0;
		for (String[] question : questions) {
			Reply reply = conversation.answer(Speaker.user(fresh()), question[1]);
			String got = reply.kind() == ReplyKind.FALLBACK ? "(fallback)" : reply.intent();
			table.computeIfAbsent(question[0], k -> new int[3]);
			table.computeIfAbsent(got, k -> new int[3]);
			if (question[0].equals(got)) {
				correct++;
				table.get(got)[0]++;
			}
			else {
				table.get(got)[1]++;
				table.get(question[0])[2]++;
				misses.add(String.format("  %-22s -> %-22s %.2f  %s", question[0], got, reply.confidence(), question[1]));
			}
		}
		double accuracy = correct / (double) questions.size();
		System.out.printf("%nIn-scope held-out: %d/%d = %.3f top-1%n", correct, questions.size(), accuracy);
		System.out.printf("%-24s %9s %7s %7s%n", "intent", "precision", "recall", "support");
		table.forEach((intent, c) -> {
			int support = c[0] + c[2];
			if (support > 0) {
				System.out.printf("%-24s %9.2f %7.2f %7d%n", intent, ratio(c[0], c[0] + c[1]), ratio(c[0], support), support);
			}
		});
		System.out.println("Misclassified:");
		misses.forEach(System.out::println);
		assertThat(accuracy).as("top-1 accuracy on in-scope held-out questions").isGreaterThanOrEqualTo(MIN_IN_SCOPE_ACCURACY);
	}

	@Test
	void doesNotAnswerOutOfScopeQuestionsFromFacts() throws IOException {
		List<String[]> questions = read("out-of-scope.tsv");
		List<String> accepted = new ArrayList<>();
		for (String[] question : questions) {
			Reply reply = conversation.answer(Speaker.user(fresh()), question[1]);
			if (reply.kind().answersFromFacts()) {
				accepted.add(String.format("  -> %-22s %.2f  %s", reply.intent(), reply.confidence(), question[1]));
			}
		}
		double rate = accepted.size() / (double) questions.size();
		System.out.printf("%nOut-of-scope answered from facts: %d/%d = %.3f%n", accepted.size(), questions.size(), rate);
		accepted.forEach(System.out::println);
		assertThat(rate).as("share of out-of-scope questions given an in-scope answer").isLessThanOrEqualTo(MAX_OUT_OF_SCOPE_ACCEPTED);
	}

	@Test
	void declinesNearMissesInsteadOfGivingTheNearestFact() throws IOException {
		List<String[]> questions = read("near-miss.tsv");
		List<String> answered = new ArrayList<>();
		for (String[] question : questions) {
			Reply reply = conversation.answer(Speaker.user(fresh()), question[1]);
			if (reply.kind().answersFromFacts()) {
				answered.add(String.format("  %-15s -> %-22s %.2f  %s", question[0], reply.intent(), reply.confidence(), question[1]));
			}
		}
		double declined = 1 - answered.size() / (double) questions.size();
		System.out.printf("%nNear misses declined: %d/%d = %.3f%n", questions.size() - answered.size(), questions.size(), declined);
		answered.forEach(System.out::println);
		assertThat(declined).as("share of near misses answered with 'I do not have that'").isGreaterThanOrEqualTo(MIN_NEAR_MISS_DECLINED);
	}

	private static double ratio(int a, int b) {
		return b == 0 ? 0 : a / (double) b;
	}

	/** Each question in a conversation of its own, so no follow-up context leaks between them. */
	private static String fresh() {
		return "U" + UUID.randomUUID();
	}

	static List<String[]> read(String name) throws IOException {
		return Files.readAllLines(Path.of("intents/tests", name), StandardCharsets.UTF_8)
			.stream()
			.filter(line -> !line.isBlank() && !line.startsWith("#"))
			.map(line -> line.split("\t", 2))
			.toList();
	}

}
