package th.or.dga.budgetbot.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class KnownWordsTest {

	private final KnownWords known = new KnownWords(Map.of("แผนงาน", 12, "ผู้อำนวยการ", 7, "อนุมัติ", 5, "งาน", 30, "ใคร",
			40, "คือ", 50, "แผน", 20, "committee", 9, "ทะเบียน", 1));

	@Test
	void joinsThePiecesIcuMadeOfAMisspeltWordIntoTheKnownWord() {
		assertThat(known.correct(List.of("แผน", "งาร", "คือ"))).containsExactly("แผนงาน", "คือ");
		assertThat(known.correct(List.of("ผู้", "อำ", "นว", "นการ", "คือ", "ใคร"))).containsExactly("ผู้อำนวยการ", "คือ",
				"ใคร");
	}

	@Test
	void mendsAWrongToneMarkOrVowelOrADroppedLetter() {
		assertThat(known.correct(List.of("อนุมัต้"))).containsExactly("อนุมัติ");
		assertThat(known.correct(List.of("อนุมัต"))).containsExactly("อนุมัติ");
		assertThat(known.correct(List.of("the", "comittee"))).containsExactly("the", "committee");
	}

	@Test
	void leavesKnownShortRareAndFarWordsAlone() {
		List<String> tokens = List.of("ใคร", "ฝน", "ทะเบียร", "อากาศ");

		// ฝน is too short to guess; ทะเบียน was seen in one example only; อากาศ is far from every word.
		assertThat(known.correct(tokens)).isSameAs(tokens);
	}

	@Test
	void countsOneLetterAddedDroppedOrChangedAsOneEdit() {
		assertThat(KnownWords.withinOneEdit("แผนงาร", "แผนงาน")).isTrue();
		assertThat(KnownWords.withinOneEdit("แผนงา", "แผนงาน")).isTrue();
		assertThat(KnownWords.withinOneEdit("แผนงานน", "แผนงาน")).isTrue();
		assertThat(KnownWords.withinOneEdit("แผงงาร", "แผนงาน")).isFalse();
	}

}
