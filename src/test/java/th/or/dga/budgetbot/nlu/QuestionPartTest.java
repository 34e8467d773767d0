package th.or.dga.budgetbot.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuestionPartTest {

	@Test
	void findsTheQuestionAfterAnOpenerThatFollowsTheStory() {
		String message = "เมื่อวานหัวหน้าส่งประกาศมาให้อ่าน ผมอ่านแล้วก็ยังงงอยู่ดี อยากทราบว่าแผนงานบูรณาการมีกี่แผนงาน";

		assertThat(QuestionPart.candidates(message)).contains("อยากทราบว่าแผนงานบูรณาการมีกี่แผนงาน",
				"แผนงานบูรณาการมีกี่แผนงาน");
	}

	@Test
	void findsTheLastSentenceAndTheLastChunks() {
		String message = "We were told the plan is done. Our director asked me to check. Who chairs sub-committee 1.3?";

		assertThat(QuestionPart.candidates(message)).contains("Who chairs sub-committee 1.3", "sub-committee 1.3?");
		assertThat(QuestionPart.candidates("เราเตรียมเอกสารครบแล้ว ส่งไม่ทัน ยังยื่นได้อยู่ไหม"))
			.contains("ยังยื่นได้อยู่ไหม", "ส่งไม่ทัน ยังยื่นได้อยู่ไหม");
	}

	@Test
	void offersNoPartThatIsTheWholeMessageOrTooShortToBeAQuestion() {
		assertThat(QuestionPart.candidates("ยังยื่นได้ไหม")).isEmpty();
		assertThat(QuestionPart.candidates("ใครเป็นประธาน ครับ")).doesNotContain("ครับ");
	}

}
