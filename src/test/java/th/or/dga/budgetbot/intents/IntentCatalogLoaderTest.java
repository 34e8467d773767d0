package th.or.dga.budgetbot.intents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import th.or.dga.budgetbot.nlu.QuestionType;

class IntentCatalogLoaderTest {

	private final IntentCatalogLoader loader = new IntentCatalogLoader(Set.of("F1", "F12"));

	@Test
	void theShippedCatalogIsValidAndCoversEveryFact() {
		IntentCatalog catalog = new IntentCatalogLoader(ProgrammeFacts.ids(Path.of("config/facts.yml"))).load(Path.of("intents"));

		assertThat(catalog.intents()).hasSizeGreaterThanOrEqualTo(30);
		Set<String> cited = catalog.intents().stream().flatMap(i -> i.facts().stream()).collect(Collectors.toSet());
		assertThat(cited).containsAll(IntStream.rangeClosed(1, 12).mapToObj(i -> "F" + i).toList());
		catalog.intents().forEach(i -> {
			assertThat(i.thaiExamples()).as(i.id()).hasSizeGreaterThanOrEqualTo(20);
			assertThat(i.englishExamples()).as(i.id()).hasSizeGreaterThanOrEqualTo(6);
		});
	}

	@Test
	void reportsEveryProblemWithItsFileAndLine(@TempDir Path dir) throws IOException {
		write(dir, "alpha", "[F1]", "[beta, nowhere]", "ยื่นได้ไหม");
		write(dir, "beta", "[F99]", "[]", "ยื่นได้ไหม");

		assertThatThrownBy(() -> loader.load(dir)).isInstanceOfSatisfying(InvalidCatalog.class, e -> {
			assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("beta.yml:").contains("F99"));
			assertThat(p(e, "also in")).contains("beta.yml:").contains("alpha.yml");
			assertThat(p(e, "nowhere")).contains("alpha.yml").contains("not an intent id");
		});
	}

	@Test
	void refusesALabelOverLinesLimit(@TempDir Path dir) throws IOException {
		write(dir, "alpha", "[F1]", "[]", "one");
		Path file = dir.resolve("alpha.yml");
		Files.writeString(file, Files.readString(file).replace("label: {th: ป้าย, en: Label}",
				"label: {th: ป้ายที่ยาวเกินยี่สิบตัวอักษรมากมาย, en: Label}"));
		write(dir, "beta", "[F1]", "[]", "two");

		assertThatThrownBy(() -> loader.load(dir)).hasMessageContaining("alpha.yml:2").hasMessageContaining("20 characters");
	}

	/** Each kind of mistake an admin makes, and where the message must point. */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = { "unknown key|synonyms: [a]|alpha.yml:7|unknown key 'synonyms'",
			"unknown answer key|  tone: formal|alpha.yml:7|unknown answer key 'tone'",
			"answer kind|  kind: magic|alpha.yml:7|answer kind must be",
			"fact id|facts: [F99]|alpha.yml:3|F99", "years|years: [64]|alpha.yml:7|B.E. years" })
	void pointsAtTheLineOfEachMistake(String kind, String line, String where, String message, @TempDir Path dir) throws IOException {
		write(dir, "alpha", "[F1]", "[]", "one");
		write(dir, "beta", "[F1]", "[]", "two");
		Path file = dir.resolve("alpha.yml");
		String text = Files.readString(file);
		if (line.startsWith("facts:")) {
			text = text.replace("facts: [F1]", line);
		}
		else if (line.startsWith("  ")) {
			text = text.replace("  en: answer\n", "  en: answer\n" + line + "\n");
		}
		else {
			text = text.replace("quickReplies:", line + "\nquickReplies:");
		}
		Files.writeString(file, text);

		assertThatThrownBy(() -> loader.load(dir)).isInstanceOfSatisfying(InvalidCatalog.class,
				e -> assertThat(p(e, message)).as(kind).contains(where));
	}

	@Test
	void reportsADuplicateIdTooFewExamplesAndBrokenYaml(@TempDir Path dir) throws IOException {
		write(dir, "alpha", "[F1]", "[]", "one");
		write(dir, "beta", "[F1]", "[]", "two");
		Files.writeString(dir.resolve("beta.yml"), Files.readString(dir.resolve("beta.yml")).replace("id: beta", "id: alpha"));
		Files.writeString(dir.resolve("gamma.yml"), "id: gamma\nlabel: {th: ก, en: Can we?}\n");
		Files.writeString(dir.resolve("delta.yml"), "id: delta\nlabel: {th: ก, en: G}\nanswer: {th: ก, en: a}\nexamples:\n  th: [หนึ่ง]\n  en: [one]\n");

		assertThatThrownBy(() -> loader.load(dir)).isInstanceOfSatisfying(InvalidCatalog.class, e -> {
			assertThat(p(e, "id must be 'beta'")).contains("beta.yml:1");
			assertThat(p(e, "not valid YAML")).contains("gamma.yml").contains("quote");
			assertThat(p(e, "at least 20 Thai")).contains("delta.yml:4").contains("has 1 and 1");
		});
	}

	@Test
	void refusesAnswersOverLinesLimits(@TempDir Path dir) throws IOException {
		write(dir, "alpha", "[F1]", "[]", "one");
		write(dir, "beta", "[F1]", "[alpha, alpha, alpha, alpha, alpha]", "two");
		Path file = dir.resolve("alpha.yml");
		Files.writeString(file, Files.readString(file).replace("  th: คำตอบ", "  th: " + "ก".repeat(4500)));

		assertThatThrownBy(() -> loader.load(dir)).isInstanceOfSatisfying(InvalidCatalog.class, e -> {
			assertThat(p(e, "at most 4000 characters")).contains("alpha.yml:");
			assertThat(p(e, "at most 4 quickReplies")).contains("beta.yml:7");
		});
	}

	@Test
	void namesBothPlacesOfAnExampleInTwoIntents(@TempDir Path dir) throws IOException {
		write(dir, "alpha", "[F1]", "[]", "ยื่นได้ไหม");
		write(dir, "beta", "[F1]", "[]", "ยื่นได้ไหม");

		assertThatThrownBy(() -> loader.load(dir)).isInstanceOfSatisfying(InvalidCatalog.class,
				e -> assertThat(p(e, "also in")).contains("beta.yml:10: example 'ยื่นได้ไหม' is also in alpha.yml:10"));
	}

	/** SnakeYAML keeps the last of two equal keys without a word: a second answer would silently win. */
	@Test
	void refusesAKeyTwiceWithItsLine(@TempDir Path dir) throws IOException {
		write(dir, "alpha", "[F1]", "[]", "one");
		write(dir, "beta", "[F1]", "[]", "two");
		Path file = dir.resolve("alpha.yml");
		Files.writeString(file, Files.readString(file) + "answer:\n  kind: static\n  th: โทร 099 999 9999\n  en: call 099 999 9999\n");

		assertThatThrownBy(() -> loader.load(dir)).isInstanceOfSatisfying(InvalidCatalog.class,
				e -> assertThat(p(e, "duplicate key")).contains("alpha.yml:38").contains("answer").contains("only once"));
	}

	/** asks: texts per kind of question, each on facts that exist; one on no fact must give the contact. */
	@Test
	void checksTheTextsPerKindOfQuestion(@TempDir Path dir) throws IOException {
		write(dir, "alpha", "[F1]", "[]", "one");
		write(dir, "beta", "[F1]", "[]", "two");
		Path file = dir.resolve("alpha.yml");
		Files.writeString(file, Files.readString(file).replace("  en: answer\n", """
				  en: answer
				  asks:
				    when: {facts: [F1, F12], th: วันที่ 22, en: on 22}
				    whom: {facts: [F1], th: ก, en: a}
				    who: {facts: [F77], th: ข, en: b}
				    how-many: {facts: [], th: ไม่มีข้อมูล, en: not known}
				"""));

		assertThatThrownBy(() -> loader.load(dir)).isInstanceOfSatisfying(InvalidCatalog.class, e -> {
			assertThat(p(e, "whom")).contains("alpha.yml:9").contains("when, who, how-many, which-years");
			assertThat(p(e, "F77")).contains("alpha.yml:10");
			assertThat(p(e, "asks.how-many")).contains("alpha.yml:11").contains("{contact}");
			assertThat(e.problems()).noneMatch(p -> p.contains("asks.when"));
		});
	}

	@Test
	void readsTheTextsPerKindOfQuestion(@TempDir Path dir) throws IOException {
		write(dir, "alpha", "[F1]", "[]", "one");
		write(dir, "beta", "[F1]", "[]", "two");
		Path file = dir.resolve("alpha.yml");
		Files.writeString(file, Files.readString(file).replace("  en: answer\n",
				"  en: answer\n  asks:\n    when: {facts: [F1, F12], th: วันที่ 22, en: on 22}\n"));

		Answer answer = loader.load(dir).intent("alpha").orElseThrow().answer();

		assertThat(answer.asked(List.of(QuestionType.WHO, QuestionType.WHEN))).hasValueSatisfying(a -> {
			assertThat(a.facts()).containsExactly("F1", "F12");
			assertThat(a.text().en()).isEqualTo("on 22");
		});
		assertThat(answer.asked(List.of(QuestionType.HOW_MANY))).isEmpty();
	}

	private static String p(InvalidCatalog e, String needle) {
		return e.problems().stream().filter(p -> p.contains(needle)).findFirst().orElse("(none: " + e.problems() + ")");
	}

	private static void write(Path dir, String id, String facts, String quickReplies, String sharedExample) throws IOException {
		StringBuilder yaml = new StringBuilder();
		yaml.append("id: ").append(id).append('\n');
		yaml.append("label: {th: ป้าย, en: Label}\n");
		yaml.append("facts: ").append(facts).append('\n');
		yaml.append("answer:\n  th: คำตอบ\n  en: answer\n");
		yaml.append("quickReplies: ").append(quickReplies).append('\n');
		yaml.append("examples:\n  th:\n");
		yaml.append("    - ").append(sharedExample).append('\n');
		for (int i = 0; i < 20; i++) {
			yaml.append("    - ").append(id).append(" คำถามที่ ").append(i).append('\n');
		}
		yaml.append("  en:\n");
		for (int i = 0; i < 6; i++) {
			yaml.append("    - ").append(id).append(" question ").append(i).append('\n');
		}
		Files.writeString(dir.resolve(id + ".yml"), yaml.toString());
	}

}
