package th.or.dga.budgetbot.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ThaiNormalizerTest {

	private final ThaiNormalizer normalizer = new ThaiNormalizer();

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "ปี 64|2564", "ปีงบ64|2564", "ปีงบประมาณ พ.ศ. 2564|2564", "พ.ศ.๒๕๖๔|2564",
			"๒๕๖๔|2564", "FY2021|2564", "fy64|2564", "FY 2564|2564", "ค.ศ. 2021|2564", "ปี 65|2565", "2020|2563",
			"ประชุมครั้งที่ 1/2562|2562" })
	void readsEveryYearFormAsOneBuddhistYear(String text, int year) {
		NormalizedText normalized = normalizer.normalize("ยื่น " + text + " ได้ไหม");

		assertThat(normalized.mentions().years()).containsExactly(year);
		assertThat(normalized.text()).contains(ThaiNormalizer.YEAR_TOKEN).doesNotContain(String.valueOf(year));
	}

	@Test
	void keepsTheOrderOfSeveralYearsSoTheLastOneIsAskedAbout() {
		NormalizedText normalized = normalizer.normalize("ปีงบ 64 ปิดแล้ว แล้วปี ๒๕๖๕ ล่ะ");

		assertThat(normalized.mentions().years()).containsExactly(2564, 2565);
		assertThat(normalized.mentions().lastYear()).contains(2565);
	}

	@Test
	void mapsThaiDigitsToAscii() {
		assertThat(ThaiNormalizer.thaiDigitsToAscii("๐๑๒๓๔๕๖๗๘๙")).isEqualTo("0123456789");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "พ.ร.บ.การบริหารงาน|พรบ", "พรบ.ดิจิทัล|พรบ", "พรบ ดิจิทัล|พรบ", "สพร.ติดต่อ|สพร",
			"ส.พ.ร.|สพร", "ครม.มีมติ|ครม", "ค.ร.ม.|ครม", "สงป.จัดสรร|สำนักงบประมาณ" })
	void turnsAbbreviationsWithOrWithoutDotsIntoOneToken(String text, String token) {
		assertThat(normalizer.normalize(text).text().split(" ")).contains(token);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "รัฐบาลดิจิตอล|รัฐบาลดิจิทัล", "ได้ม้ย|ได้ไหม", "ได้มั้ย|ได้ไหม",
			"งบประมาน|งบประมาณ", "บูรณการ|บูรณาการ", "ค่าาาา|ค่า" })
	void foldsCommonMisspellings(String text, String expected) {
		assertThat(normalizer.normalize(text).text()).isEqualTo(expected);
	}

	@Test
	void readsCommitteeNumbersButNotAmounts() {
		NormalizedText committee = normalizer.normalize("ใครเป็นประธานคณะที่ ๑.๓");
		NormalizedText amount = normalizer.normalize("ได้งบ 1.5 ล้านบาท");

		assertThat(committee.mentions().committees()).containsExactly("1.3");
		assertThat(amount.mentions().committees()).isEmpty();
	}

	@Test
	void splitsThaiGluedToLatin() {
		assertThat(normalizer.normalize("ยื่นงบFY2021ได้ไหม").text()).isEqualTo("ยื่นงบ ปีงบประมาณ fyear ได้ไหม");
	}

	@Test
	void readsของบAsAskingForBudgetButNotของบริษัท() {
		assertThat(normalizer.normalize("ของบปี 64").text()).startsWith("ขอ งบ");
		assertThat(normalizer.normalize("ของบริษัท").text()).isEqualTo("ของบริษัท");
	}

	@Test
	void usesNfcNotNfkcSoSaraAmStaysWhole() {
		// NFKC would decompose ำ (U+0E33) into ํ + า and change how ICU segments the word.
		assertThat(normalizer.normalize("คำขอ").text()).contains("\u0e33");
	}

	@Test
	void readsRequestIdsAndKeepsTheirDigits() {
		NormalizedText normalized = normalizer.normalize("โครงการ abc-123 กับ T27A8E8-64-999 ถึงไหน");

		assertThat(normalized.mentions().requestIds()).containsExactly("ABC-123", "T27A8E8-64-999");
		assertThat(normalized.text()).contains(ThaiNormalizer.REQUEST_ID_TOKEN);
		assertThat(normalizer.normalize("sub-committee").mentions().requestIds()).as("no digit, no request id").isEmpty();
	}

	@Test
	void controlCharactersAroundDigitsDoNotMakeAYearTheUserDidNotType() {
		// U+0001 is the normaliser's own year marker: typed around four digits, it was read as year 0.
		NormalizedText injected = normalizer.normalize("ยื่นของบปี 64 ได้ไหม \u00010000\u0001");

		assertThat(injected.mentions().years()).containsExactly(2564);
		assertThat(injected.text()).doesNotContain("\u0001");
	}

	@Test
	void controlAndFormatCharactersChangeNothingButSpacing() {
		String typed = "ยื่นของบปี 64 ได้ไหม";
		NormalizedText clean = normalizer.normalize(typed);

		assertThat(normalizer.normalize("\u0001ยื่นของบปี\u0001\u000364\u0002 ได้ไหม\u0001")).isEqualTo(clean);
		assertThat(normalizer.normalize("ยื่นของบปี 6\u200D4 ได้\u202Eไหม\uFEFF")).isEqualTo(clean);
	}

	@Test
	void treatsEmptyAndNullMessagesAsEmpty() {
		assertThat(normalizer.normalize(null).text()).isEmpty();
		assertThat(normalizer.normalize("   ").text()).isEmpty();
	}

}
