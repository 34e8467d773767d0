package th.or.dga.budgetbot.intents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.yaml.snakeyaml.Yaml;

class ProgrammeFactsTest {

	private static final Path FACTS = Path.of("config/facts.yml");

	/** Where the brief keeps the announcement; the repository holds a verbatim copy. */
	private static final Path SEED = Path.of("../shared/seed/dg-integration-plan-fy2564.th.txt");

	@Test
	void everyFactQuotesItsDocumentExactly() throws IOException {
		ProgrammeFacts facts = ProgrammeFacts.load(FACTS);
		Map<?, ?> sources = (Map<?, ?>) ((Map<?, ?>) new Yaml().load(Files.readString(FACTS))).get("sources");

		assertThat(facts.ids()).containsExactly("F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F10", "F11", "F12");
		for (ProgrammeFacts.Fact fact : facts.facts().values()) {
			Path file = Path.of(String.valueOf(((Map<?, ?>) sources.get(fact.source())).get("file")));
			String document = Files.readString(file, StandardCharsets.UTF_8);
			assertThat(document).as(fact.id() + "'s original in " + file).contains(fact.original());
			assertThat(fact.original().length()).as(fact.id()).isGreaterThan(40);
		}
	}

	@Test
	void theDocumentCopyIsTheAnnouncementAsPublished() throws IOException {
		ProgrammeFacts.Source source = ProgrammeFacts.load(FACTS).sources().get("dga-2564-01-15");
		assertThat(source.date()).isEqualTo(LocalDate.of(2021, 1, 15));
		String copy = Files.readString(Path.of("config/sources/dg-integration-plan-fy2564.th.txt"), StandardCharsets.UTF_8);
		assertThat(copy).contains("15 January 2564").contains(source.title().th());
		if (Files.exists(SEED)) {
			assertThat(copy).isEqualTo(Files.readString(SEED, StandardCharsets.UTF_8));
		}
	}

	@Test
	void namesTheFileAndTheFactOfEachProblem(@TempDir Path dir) throws IOException {
		Path file = dir.resolve("facts.yml");
		Files.writeString(file, """
				facts:
				  F1: {th: ก, en: a, source: nowhere, original: "คำ"}
				  F2: {th: ข, en: b, source: doc}
				sources:
				  doc: {short: {th: ป, en: d}, title: {th: ช, en: t}, date: "15/01/2021"}
				citation:
				  sourceLine: {th: "ที่มา: {sources}", en: "Source: {sources}"}
				  button: {th: ปุ่มที่ยาวเกินยี่สิบตัวอักษรมากมาย, en: original}
				  heading: {th: h, en: h}
				  inEnglish: {th: "", en: "{fact}"}
				""");

		assertThatThrownBy(() -> ProgrammeFacts.load(file)).isInstanceOfSatisfying(InvalidCatalog.class, e -> {
			assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("facts.yml").contains("source 'doc'").contains("date"));
			assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("fact F1").contains("'nowhere'"));
			assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("fact F2").contains("original"));
			assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("button").contains("20 characters"));
		});
	}

}
