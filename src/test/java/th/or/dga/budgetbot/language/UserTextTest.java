package th.or.dga.budgetbot.language;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UserTextTest {

	@Test
	void controlCharactersBecomeOneSpace() {
		assertThat(UserText.clean("ปีงบประมาณ\u0001\u0001พ.ศ.\u00010")).isEqualTo("ปีงบประมาณ พ.ศ. 0");
		assertThat(UserText.clean("line one\r\nline two\ttab")).isEqualTo("line one line two tab");
	}

	@Test
	void formatCharactersAreRemovedSoTheyCannotSplitAWord() {
		assertThat(UserText.clean("ดิจิ\u200Dทัล\u202E64\uFEFF\u00AD")).isEqualTo("ดิจิทัล64");
	}

	@Test
	void zeroWidthSpaceAndSeparatorsSeparateWords() {
		assertThat(UserText.clean("งบ\u200Bประมาณ\u2028ปี\u00A064")).isEqualTo("งบ ประมาณ ปี 64");
	}

	@Test
	void loneSurrogatesAreDroppedAndPairsKept() {
		assertThat(UserText.clean("a\uD800b \uD83D\uDE00")).isEqualTo("ab \uD83D\uDE00");
	}

	@Test
	void composesToNfcAndStripsTheEnds() {
		assertThat(UserText.clean("  e\u0301  ")).isEqualTo("\u00E9");
		assertThat(UserText.clean(null)).isEmpty();
	}

}
