package th.or.dga.budgetbot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FollowUpsTest {

	@ParameterizedTest
	@ValueSource(strings = { "แล้วปี 65 ล่ะ", "ปี 2566 ละครับ", "ส่วนปีงบ 66 ล่ะคะ?", "What about FY2022?", "and for 2566" })
	void shortQuestionsThatOnlySwapSomethingAreFollowUps(String text) {
		assertThat(FollowUps.isElliptical(text)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "ยังยื่นของบปี 65 ได้ไหม", "ปี 65 เปิดรับคำของบเมื่อไหร่คะ", "what is the deadline for FY2022",
			"ขอถามเรื่องแผนพัฒนารัฐบาลดิจิทัลปี 2563-2565 ว่าใครเป็นผู้อนุมัติแผนนี้ล่ะ", "" })
	void questionsOfTheirOwnAreNot(String text) {
		assertThat(FollowUps.isElliptical(text)).isFalse();
	}

}
