package th.or.dga.budgetbot.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import th.or.dga.budgetbot.intents.IntentTraining;
import th.or.dga.budgetbot.intents.ProgrammeFacts;

/**
 * The tolerance mechanisms on the shipped catalog: misspelt and abbreviated key words, one odd
 * word in a long question, and a question at the end of a story. The questions are written here
 * from the programme's facts, not taken from the catalog's examples or test files.
 */
class IntentModelToleranceTest {

	private static final IntentModel MODEL = new IntentTraining(ProgrammeFacts.ids(Path.of("config/facts.yml")),
			NluProperties.defaults())
		.train(Path.of("intents"))
		.model();

	@Test
	void oneUnknownWordDoesNotLowerTheCoverageOfALongMessage() {
		IntentModel tiny = IntentModel.train(List.of(new TrainingExample("a", "ใคร เป็น ประธาน คณะ ที่ ดูแล"),
				new TrainingExample("a", "ประธาน คือ ใคร"), new TrainingExample("b", "ยื่น ได้ ไหม")), NluProperties.defaults(),
				new TextAnalyzer());

		assertThat(tiny.coverage(List.of("ใคร", "เป็น", "ประธาน", "คณะ", "ที่", "ดูแล"))).isEqualTo(1.0);
		assertThat(tiny.coverage(List.of("ใคร", "เป็น", "ประธาน", "คณะ", "ที่", "xyzzy"))).isEqualTo(1.0);
		assertThat(tiny.coverage(List.of("ใคร", "เป็น", "ประธาน", "คณะ", "xyzzy", "qwerty"))).isLessThan(0.8);
		// A short message is all question: its one unknown word still counts.
		assertThat(tiny.coverage(List.of("ประธาน", "xyzzy"))).isLessThan(0.6);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			// A wrong or dropped letter in a key word, and abbreviations of titles and bodies.
			"subcommittee-chair|ปธ.คณะ 1.3 คือไครครับ",
			"subcommittee-chair|ใครเป็นประธานคณะอนุกก. 1.3",
			"fy-can-submit|ปีงบ 64 ยังเสนอของบแผนงารบูรณาการได้ป่าว",
			"cabinet-resolution|ครม.มีมติเห็นชอบงบบูรณาการเมื่อไหร่",
			// Mixed Thai and English.
			"subcommittee-chair|ใครเป็น chair ของ sub-cmte 1.3 คะ" })
	void understandsMisspeltAbbreviatedAndMixedKeyWords(String intent, String question) {
		assertThat(MODEL.classify(question).intent()).as(question).contains(intent);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"subcommittee-chair|สวัสดีครับ ผมเป็นเจ้าหน้าที่ใหม่ของกองแผนงาน หัวหน้าให้มาเตรียมเอกสารประชุมสัปดาห์หน้า แต่ผมยังไม่ค่อยเข้าใจโครงสร้างของคณะกรรมการ อยากทราบว่าใครเป็นประธานคณะที่ 1.3 ครับ",
			"fy-can-submit|ตอนนี้หน่วยงานเราเพิ่งได้ผู้บริหารใหม่ ท่านอยากทำโครงการด้านข้อมูลเพิ่มเติม ทีมงานก็เตรียมรายละเอียดไว้เกือบเสร็จแล้ว ขอถามหน่อยค่ะ ปีงบ 64 ยังยื่นของบบูรณาการได้ไหม" })
	void classifiesTheQuestionAtTheEndOfAStory(String intent, String message) {
		assertThat(MODEL.classify(message).intent()).as(message).contains(intent);
	}

	@Test
	void aLongQuestionAboutSomethingElseIsStillRefused() {
		assertThat(MODEL.classify("ช่วงนี้ฝนตกหนักมาก น้ำท่วมถนนหน้าบ้านผมทุกวันเลย อยากทราบว่าพรุ่งนี้ฝนจะตกอีกไหม").intent()
			.filter(i -> !i.equals("out-of-scope"))).isEmpty();
	}

}
