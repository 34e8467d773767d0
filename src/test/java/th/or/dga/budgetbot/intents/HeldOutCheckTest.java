package th.or.dga.budgetbot.intents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import th.or.dga.budgetbot.nlu.TrainingExample;

/** Held-out means held out: a test question like a training example is refused, with its file, line and example. */
class HeldOutCheckTest {

	private final CommandRun command = new CommandRun();

	@Test
	void spacingPunctuationAndThaiDigitsDoNotHideACopy() {
		assertThat(HeldOutCheck.similarity("ครม.มีมติเรื่องงบบูรณาการปี๖๔เมื่อไหร่คะ", "ครม. มีมติเรื่องงบบูรณาการปี 64 เมื่อไหร่คะ"))
			.isEqualTo(1.0);
		assertThat(HeldOutCheck.similarity("What does DGA stand for?", "what does DGA stand for")).isEqualTo(1.0);
		assertThat(HeldOutCheck.similarity("ตัวย่อ สพร. มาจากชื่อเต็มว่าอะไรคะ", "สพร. ย่อมาจากอะไรคะ")).isLessThan(0.8);
	}

	@Test
	void findsTheMostSimilarExampleOfAQuestionOverTheLimitOnly() {
		List<TrainingExample> examples = List.of(new TrainingExample("contact", "ขอเบอร์โทร สพร หน่อยครับ"),
				new TrainingExample("greeting", "สวัสดีครับ"));
		var copied = new TestQuestions.Located(Path.of("heldout.tsv"), 3, "ขอเบอร์โทรสพร.หน่อยครับ");
		var rephrased = new TestQuestions.Located(Path.of("heldout.tsv"), 4, "เบอร์ติดต่อสพร.เบอร์อะไรครับ");

		List<HeldOutCheck.NearDuplicate> found = new HeldOutCheck(0.8).find(examples, List.of(copied, rephrased));

		assertThat(found).singleElement().satisfies(d -> {
			assertThat(d.question()).isEqualTo(copied);
			assertThat(d.example().intent()).isEqualTo("contact");
			assertThat(d.similarity()).isEqualTo(1.0);
		});
	}

	@Test
	void validateRefusesANearDuplicateInAnyTestFileNamingTheFileLineAndExample(@TempDir Path dir) throws IOException {
		tinyCatalog(dir);
		Path tests = Files.createDirectories(dir.resolve("tests"));
		Files.writeString(tests.resolve("heldout.tsv"), "alpha\tยื่นคำขอได้ถึงวันไหนคะ\nalpha\tอัลฟ่าคำถามที่ 7?\n");
		Files.writeString(tests.resolve("must-pass.tsv"), "# comment\nbeta\tbeta question 3\n");
		Files.writeString(tests.resolve("independent.tsv"),
				"kind\tregister\ttraits\tquestion\tmust\tfacts\nin-scope\tplain\t-\tบีตา คำถามที่ 2 !!\t-\tF1\n");

		assertThat(run("validate", dir.toString())).isEqualTo(1);

		assertThat(err()).contains("3 error(s)")
			.contains("heldout.tsv:2: test question is 1.00 similar to the training example \"อัลฟ่า คำถามที่ 7\" (alpha;")
			.contains("must-pass.tsv:2:")
			.contains("independent.tsv:2:")
			.contains("rewrite the question in other words or drop it")
			.doesNotContain("heldout.tsv:1:")
			// The question itself is not printed: some sets must stay unread by whoever tunes.
			.doesNotContain("บีตา คำถามที่ 2 !!");
	}

	@Test
	void validatePassesWhenEveryTestQuestionIsPhrasedApart(@TempDir Path dir) throws IOException {
		tinyCatalog(dir);
		Path tests = Files.createDirectories(dir.resolve("tests"));
		Files.writeString(tests.resolve("heldout.tsv"), "alpha\tยื่นคำขอได้ถึงวันไหนคะ\n");
		Files.writeString(tests.resolve("near-miss.tsv"), "amount\tงบทั้งแผนกี่ล้านบาท\n");

		assertThat(run("validate", dir.toString())).isZero();
		assertThat(out()).contains("2 test questions, none near-duplicates a training example (limit 0.80)");
	}

	@Test
	void theShippedTestQuestionsAreHeldOut() {
		IntentCatalog catalog = new IntentCatalogLoader(ProgrammeFacts.ids(Path.of("config/facts.yml"))).load(Path.of("intents"));
		TestQuestions tests = TestQuestions.load(Path.of("intents/tests"));

		List<String> problems = new HeldOutCheck(0.8).problems(catalog.trainingExamples(), tests.all());

		assertThat(tests.heldOut()).isNotEmpty();
		assertThat(tests.mustPass()).isNotEmpty();
		assertThat(problems).as("test questions like a training example").isEmpty();
	}

	private static void tinyCatalog(Path dir) throws IOException {
		for (String id : List.of("alpha", "beta")) {
			String thai = id.equals("alpha") ? "อัลฟ่า" : "บีตา";
			Map<String, Object> intent = new LinkedHashMap<>();
			intent.put("id", id);
			intent.put("label", Map.of("th", "ป้าย", "en", "Label"));
			intent.put("facts", List.of("F1"));
			intent.put("answer", Map.of("th", "คำตอบ", "en", "answer"));
			intent.put("examples", Map.of("th", IntStream.range(0, 20).mapToObj(i -> thai + " คำถามที่ " + i).toList(), "en",
					IntStream.range(0, 6).mapToObj(i -> id + " question " + i).toList()));
			Files.writeString(dir.resolve(id + ".yml"), new Yaml().dump(intent));
		}
	}

	private int run(String... args) {
		return command.run(args);
	}

	private String out() {
		return command.out();
	}

	private String err() {
		return command.err();
	}

}
