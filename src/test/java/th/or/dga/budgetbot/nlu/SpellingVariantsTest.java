package th.or.dga.budgetbot.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SpellingVariantsTest {

	private static TextAnalyzer analyzer(Map<String, String> canonicalByVariant) {
		return new TextAnalyzer(new SpellingVariants(canonicalByVariant));
	}

	@Test
	void mendsAMisspellingInsideACompoundSoTheCompoundStaysOneWord() {
		TextAnalyzer analyzer = analyzer(Map.of("ประมาน", "ประมาณ", "แผนงาร", "แผนงาน"));

		assertThat(analyzer.analyze("งบประมานของแผนงารนี้").tokens()).startsWith("งบประมาณ").contains("แผนงาน");
	}

	@Test
	void replacesAShortVariantOnlyWhereItIsAWordOfItsOwn() {
		TextAnalyzer analyzer = analyzer(Map.of("ปธ", "ประธาน", "คับ", "ครับ"));

		assertThat(analyzer.analyze("ปธ คือใคร").tokens()).containsExactly("ประธาน", "คือ", "ใคร");
		assertThat(analyzer.analyze("บังคับ").tokens()).containsExactly("บังคับ");
	}

	@Test
	void aVariantThatIsPartOfATableWordDoesNotMangleThatWord() {
		TextAnalyzer analyzer = analyzer(Map.of("ยุทธศาสตร", "ยุทธศาสตร์", "เลขา", "เลขานุการ"));

		assertThat(analyzer.analyze("ยุทธศาสตร์ชาติ").tokens()).containsExactly("ยุทธศาสตร์", "ชาติ");
		assertThat(analyzer.analyze("เลขานุการคือใคร").tokens()).containsExactly("เลขานุการ", "คือ", "ใคร");
		// A word of the dictionary (เลขา) is replaced only as a whole word, not inside เลขาธิการ.
		assertThat(analyzer.analyze("ใครเป็นเลขา").tokens()).containsExactly("ใคร", "เป็น", "เลขานุการ");
		assertThat(analyzer.analyze("เลขาธิการ").tokens()).doesNotContain("เลขานุการ");
	}

	@Test
	void expandsADottedAbbreviationApartFromTheWordItWasGluedTo() {
		TextAnalyzer analyzer = analyzer(Map.of("ปธ.", "ประธาน"));

		assertThat(analyzer.analyze("ปธ.อนุกรรมการคือใคร").tokens()).containsExactly("ประธาน", "อนุกรรมการ", "คือ", "ใคร");
	}

	@Test
	void expandsALatinAbbreviationOnlyAtWordEdgesAlsoInsideThai() {
		TextAnalyzer analyzer = analyzer(Map.of("DG", "รัฐบาลดิจิทัล", "sub-cmte", "sub-committee"));

		assertThat(analyzer.analyze("แผนงานDGปี64").tokens()).contains("รัฐบาล", "ดิจิทัล").doesNotContain("dg");
		assertThat(analyzer.analyze("ติดต่อ DGA").tokens()).contains("dga").doesNotContain("ดิจิทัล");
		assertThat(analyzer.analyze("Who chairs the Sub-Cmte?").tokens()).containsSubsequence("sub", "committee");
	}

	@Test
	void givesEnglishWordsInsideThaiTheirOwnLowerCaseWords() {
		assertThat(new TextAnalyzer().analyze("ส่งProposalทันไหมครับ").tokens()).containsSubsequence("ส่ง", "proposal", "ทัน",
				"ไหม");
	}

	@Test
	void withoutATableReadsAsBefore() {
		assertThat(new TextAnalyzer(SpellingVariants.NONE).analyze("ปธ คือใคร").tokens())
			.isEqualTo(new TextAnalyzer().analyze("ปธ คือใคร").tokens());
	}

}
