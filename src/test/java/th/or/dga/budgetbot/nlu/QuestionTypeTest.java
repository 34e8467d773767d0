package th.or.dga.budgetbot.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuestionTypeTest {

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', value = { "ร่างแผนผ่านกรรมการเมื่อไหร่คะ|WHEN", "ครม มีมติวันไหน|WHEN", "พรบ ออกเมื่อไร|WHEN",
			"ประกาศราชกิจจาฯ วันที่เท่าไหร่ครับ|WHEN", "เสนอร่างแผนเมือไหร่|WHEN", "When did the Cabinet decide?|WHEN",
			"what date was the act published|WHEN", "ประธานคณะ 1.3 คือใคร|WHO", "ใครเป็นเลขาร่วม|WHO", "who chairs sub-committee 1.3|WHO",
			"หน่วยงานไหนเป็นเจ้าภาพ|WHO", "มีแผนงานบูรณาการกี่แผน|HOW_MANY", "how many integrated plans are there|HOW_MANY",
			"แผนพัฒนารัฐบาลดิจิทัลครอบคลุมปีไหนบ้าง|WHICH_YEARS", "แผนนี้กี่ปี|WHICH_YEARS",
			"which years does the plan cover|WHICH_YEARS", "how many years is the plan|WHICH_YEARS" })
	void findsWhatTheQuestionAsksFor(String question, QuestionType expected) {
		assertThat(QuestionType.of(question)).containsExactly(expected);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "สพร. มีหน้าที่อะไร", "ยังยื่นของบปี 64 ได้ไหม", "what does DGA do",
			"คณะกรรมการย่อยของแผนงานนี้คือคณะที่กี่", "ครม. มีมติเมื่อวันที่ 11 ธันวาคม 2562 ใช่ไหม", "please update me" })
	void aPlainQuestionAsksNoParticularThing(String question) {
		assertThat(QuestionType.of(question)).isEmpty();
	}

	@org.junit.jupiter.api.Test
	void keepsTheOrderOfSeveralKinds() {
		assertThat(QuestionType.of("ใครเป็นประธาน แต่งตั้งเมื่อไหร่")).containsExactly(QuestionType.WHO, QuestionType.WHEN);
		assertThat(QuestionType.of(null)).isEqualTo(List.of());
	}

}
