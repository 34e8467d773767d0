package th.or.dga.budgetbot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The quality gate on {@code intents/tests/independent.tsv}: questions written by an author who
 * saw only the programme facts and the description of the users, never the catalog or its
 * tests (see {@code independent.md}), and never edited to fit the model. It judges the answer,
 * not the intent: an in-scope question is right only when answered (not declined) with every
 * group of its {@code must} column (alternatives split by {@code |}, groups by {@code ;}).
 */
class IndependentQualityTest {

	// The goals of issue 11 (still open): plain 0.97, colloquial 0.92, near misses declined 0.95,
	// out of scope answered with a fact at most 0.03. Until they are reached the gate holds the level
	// reached when the set was first measured on the merged work (2 Dec 2026: plain 0.984, colloquial
	// 0.829, near misses 0.901, out of scope 0.033), a little under it for the tie of one question:
	// a change that makes the bot worse on unseen questions fails the build. Raise these as the bot
	// improves; never lower them, and never edit the set.
	static final double MIN_PLAIN = 0.97;

	static final double MIN_COLLOQUIAL = 0.82;

	static final double MIN_NEAR_MISS_DECLINED = 0.89;

	static final double MAX_OUT_OF_SCOPE_ANSWERED = 0.04;

	record Row(String kind, String register, List<String> traits, String question, List<List<String>> must) {

		boolean satisfiedBy(String answer) {
			String text = answer.toLowerCase(Locale.ROOT);
			return must.stream().allMatch(group -> group.stream().anyMatch(alt -> text.contains(alt.toLowerCase(Locale.ROOT))));
		}

	}

	private static Conversation conversation;

	private static List<Row> rows;

	@BeforeAll
	static void train() throws IOException {
		conversation = TestConversations.conversation();
		rows = read(Path.of("intents/tests/independent.tsv"));
	}

	@Test
	void answersInScopeQuestionsWithTheFactAsked() {
		Map<String, int[]> byRegister = new TreeMap<>();
		Map<String, int[]> byTrait = new TreeMap<>();
		List<String> misses = new ArrayList<>();
		for (Row row : rows) {
			if (!row.kind().equals("in-scope")) {
				continue;
			}
			Reply reply = conversation.answer(Speaker.user(fresh()), row.question());
			boolean right = reply.kind() == ReplyKind.ANSWER && row.satisfiedBy(reply.text());
			count(byRegister, row.register(), right);
			row.traits().forEach(trait -> count(byTrait, trait, right));
			if (!right) {
				misses.add(String.format("  %-10s %-9s %-22s %s%n      answer: %s", row.register(), reply.kind(),
						reply.intent(), row.question(), abbreviate(reply.text())));
			}
		}
		System.out.println("\nIndependent set, in scope (right = answered, with the fact asked):");
		byRegister.forEach((k, c) -> System.out.printf("  %-12s %3d/%3d = %.3f%n", k, c[0], c[1], c[0] / (double) c[1]));
		byTrait.forEach((k, c) -> System.out.printf("    %-18s %3d/%3d = %.3f%n", k, c[0], c[1], c[0] / (double) c[1]));
		System.out.println("Wrong:");
		misses.forEach(System.out::println);
		assertThat(rate(byRegister.get("plain"))).as("plain in-scope questions answered right").isGreaterThanOrEqualTo(MIN_PLAIN);
		assertThat(rate(byRegister.get("colloquial"))).as("colloquial in-scope questions answered right")
			.isGreaterThanOrEqualTo(MIN_COLLOQUIAL);
	}

	@Test
	void declinesNearMisses() {
		double answered = shareAnsweredWithAFact("near-miss", "near misses declined", true);
		assertThat(1 - answered).as("near misses declined").isGreaterThanOrEqualTo(MIN_NEAR_MISS_DECLINED);
	}

	@Test
	void doesNotAnswerOutOfScopeQuestionsWithAFact() {
		double answered = shareAnsweredWithAFact("out-of-scope", "out of scope answered with a fact", false);
		assertThat(answered).as("out-of-scope questions answered with a fact").isLessThanOrEqualTo(MAX_OUT_OF_SCOPE_ANSWERED);
	}

	/** Asks every question of a kind; prints the figure (as declined or as answered) and those answered with a fact. */
	private static double shareAnsweredWithAFact(String kind, String figure, boolean asDeclined) {
		int all = 0;
		List<String> answered = new ArrayList<>();
		for (Row row : rows) {
			if (!row.kind().equals(kind)) {
				continue;
			}
			all++;
			Reply reply = conversation.answer(Speaker.user(fresh()), row.question());
			if (reply.kind().answersFromFacts()) {
				answered.add(String.format("  -> %-22s %s", reply.intent(), row.question()));
			}
		}
		int shown = asDeclined ? all - answered.size() : answered.size();
		System.out.printf("%nIndependent set, %s: %d/%d = %.3f%n", figure, shown, all, shown / (double) all);
		answered.forEach(System.out::println);
		return answered.size() / (double) all;
	}

	static List<Row> read(Path file) throws IOException {
		List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		List<Row> rows = new ArrayList<>();
		for (String line : lines.subList(1, lines.size())) {
			if (line.isBlank()) {
				continue;
			}
			String[] cells = line.split("\t", -1);
			List<List<String>> must = cells[4].isBlank() ? List.of()
					: Arrays.stream(cells[4].split(";"))
						.map(group -> Arrays.stream(group.split("\\|")).map(String::strip).filter(s -> !s.isEmpty()).toList())
						.toList();
			rows.add(new Row(cells[0], cells[1], Arrays.stream(cells[2].split(",")).map(String::strip).toList(), cells[3], must));
		}
		return rows;
	}

	private static void count(Map<String, int[]> table, String key, boolean right) {
		int[] c = table.computeIfAbsent(key, k -> new int[2]);
		c[1]++;
		if (right) {
			c[0]++;
		}
	}

	private static double rate(int[] c) {
		return c == null || c[1] == 0 ? 0 : c[0] / (double) c[1];
	}

	private static String abbreviate(String text) {
		return text == null ? "" : text.length() > 160 ? text.substring(0, 160) + "..." : text;
	}

	private static String fresh() {
		return "U" + UUID.randomUUID();
	}

}
