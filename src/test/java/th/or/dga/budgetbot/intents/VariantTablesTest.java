package th.or.dga.budgetbot.intents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import th.or.dga.budgetbot.nlu.SpellingVariants;
import th.or.dga.budgetbot.nlu.TextAnalyzer;

class VariantTablesTest {

	@Test
	void theShippedTablesAreValidAndExpandTheCommonAbbreviations() {
		TextAnalyzer analyzer = new TextAnalyzer(VariantTables.read(Path.of("intents")));

		assertThat(analyzer.analyze("ปธ.คณะ 1.3 คือใคร").tokens()).startsWith("ประธาน");
		assertThat(analyzer.analyze("ผอ สพร").tokens()).startsWith("ผู้อำนวยการ");
		assertThat(analyzer.analyze("ครม มีมติ").tokens()).startsWith("คณะรัฐมนตรี");
		assertThat(analyzer.analyze("สงป จัดสรรหรือยัง").tokens()).startsWith("สำนักงบประมาณ");
		assertThat(analyzer.analyze("คกก.ดิจิทัล").tokens()).startsWith("คณะกรรมการ");
		assertThat(analyzer.analyze("ปฎิบัติงาน อำนวนการ ประมานไหน").tokens()).contains("ปฏิบัติ", "อำนวย", "ประมาณ");
	}

	@Test
	void aCatalogWithoutAVocabularyFolderHasNoVariants(@TempDir Path dir) {
		assertThat(VariantTables.read(dir)).isSameAs(SpellingVariants.NONE);
	}

	@Test
	void readsAnAdminsNewVariant(@TempDir Path dir) throws IOException {
		write(dir, "extra.yml", "# ours\nแผนงาน: [แผนงฟน]\nสำนักงบประมาณ: สำนักงบฯ\n");

		SpellingVariants variants = VariantTables.read(dir);

		assertThat(variants.size()).isEqualTo(2);
		assertThat(new TextAnalyzer(variants).analyze("แผนงฟนบูรณาการ").tokens()).startsWith("แผนงาน");
	}

	@Test
	void namesTheFileAndLineOfAVariantListedUnderTwoWords(@TempDir Path dir) throws IOException {
		write(dir, "a.yml", "ประธาน: [ปธ.]\n");
		write(dir, "b.yml", "# other\nประธานาธิบดี: [ปธน.]\nเลขานุการ: [ปธ.]\n");

		assertThatThrownBy(() -> VariantTables.read(dir)).isInstanceOfSatisfying(InvalidCatalog.class,
				e -> assertThat(e.problems()).singleElement()
					.asString()
					.contains("b.yml:3", "'ปธ.' is already a variant of 'ประธาน'", "a.yml:1", "list it under one word only"));
	}

	@Test
	void refusesAFileThatIsNotAWordToVariantsMapping(@TempDir Path dir) throws IOException {
		write(dir, "list.yml", "- ปธ.\n- ผอ.\n");
		write(dir, "long.yml", "ประธาน: [\"" + "ก".repeat(VariantTables.MAX_LENGTH + 1) + "\"]\n");

		assertThatThrownBy(() -> VariantTables.read(dir)).isInstanceOfSatisfying(InvalidCatalog.class,
				e -> assertThat(e.problems()).hasSize(2)
					.anySatisfy(p -> assertThat(p).contains("list.yml:1", "'word: [variant, variant]'"))
					.anySatisfy(p -> assertThat(p).contains("long.yml:1", "1 to " + VariantTables.MAX_LENGTH)));
	}

	@Test
	void refusesMoreVariantsThanTheLimitNamingIt(@TempDir Path dir) throws IOException {
		java.util.Map<String, java.util.List<String>> table = new java.util.LinkedHashMap<>();
		for (int i = 0; i <= VariantTables.MAX_VARIANTS; i++) {
			table.computeIfAbsent("คำ" + (i % 100), k -> new java.util.ArrayList<>()).add("v" + i);
		}
		write(dir, "big.yml", new org.yaml.snakeyaml.Yaml().dump(table));

		assertThatThrownBy(() -> VariantTables.read(dir)).isInstanceOfSatisfying(InvalidCatalog.class,
				e -> assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains(String.valueOf(VariantTables.MAX_VARIANTS))));
	}

	private static void write(Path intents, String name, String text) throws IOException {
		Files.createDirectories(intents.resolve(VariantTables.FOLDER));
		Files.writeString(intents.resolve(VariantTables.FOLDER).resolve(name), text);
	}

}
