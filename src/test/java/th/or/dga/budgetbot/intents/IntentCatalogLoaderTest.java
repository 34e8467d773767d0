package th.or.dga.budgetbot.intents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
