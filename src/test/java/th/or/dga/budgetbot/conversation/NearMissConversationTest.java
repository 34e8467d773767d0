package th.or.dga.budgetbot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * The near-miss rules inside a conversation, with the real catalog and classifier: the near
 * miss gets "I don't have that" with the contact channel, the question it resembles its fact.
 */
class NearMissConversationTest {

	private final Conversation conversation = TestConversations.conversation();

	@Test
	void declinesTheNameOfThePersonTheFactsNameOnlyByRole() {
		Reply nearMiss = ask("ผู้อำนวยการ สพร. ชื่ออะไรคะ");
		Reply inScope = ask("ใครเป็นเลขานุการร่วมของคณะที่ 1.3 คะ");

		assertThat(nearMiss.kind()).isEqualTo(ReplyKind.NOT_KNOWN);
		assertThat(nearMiss.text()).contains("0 2612 6000");
		assertThat(inScope.kind()).isEqualTo(ReplyKind.ANSWER);
		assertThat(inScope.text()).contains("ผู้อำนวยการ สพร.");
	}

	@Test
	void declinesAnotherBodysPhoneNumberButGivesDgas() {
		Reply nearMiss = ask("ขอเบอร์โทรสำนักงบประมาณหน่อยค่ะ");
		Reply inScope = ask("ขอเบอร์โทรติดต่อ สพร. หน่อยค่ะ");

		assertThat(nearMiss.kind()).isEqualTo(ReplyKind.NOT_KNOWN);
		assertThat(nearMiss.intent()).isEqualTo("unknown-contact");
		assertThat(inScope.kind()).isEqualTo(ReplyKind.ANSWER);
		assertThat(inScope.text()).contains("0 2612 6000");
	}

	@Test
	void declinesTheNextDevelopmentPlanButExplainsThisOne() {
		Reply nearMiss = ask("แผนพัฒนารัฐบาลดิจิทัลฉบับถัดไปมีเป้าหมายอะไรคะ");
		Reply inScope = ask("แผนพัฒนารัฐบาลดิจิทัลมีไว้เพื่ออะไรคะ");

		assertThat(nearMiss.kind()).isEqualTo(ReplyKind.NOT_KNOWN);
		assertThat(inScope.kind()).isEqualTo(ReplyKind.ANSWER);
		assertThat(inScope.intent()).isEqualTo("dg-plan-purpose");
	}

	@Test
	void declinesTheNumberOfProjectsButCountsThePlans() {
		Reply nearMiss = ask("แผนงานบูรณาการรัฐบาลดิจิทัลปี 64 มีทั้งหมดกี่โครงการคะ");
		Reply inScope = ask("งบบูรณาการปี 64 มีทั้งหมดกี่แผนงานคะ");

		assertThat(nearMiss.kind()).isEqualTo(ReplyKind.NOT_KNOWN);
		assertThat(nearMiss.text()).doesNotContain("14");
		assertThat(inScope.kind()).isEqualTo(ReplyKind.ANSWER);
		assertThat(inScope.text()).contains("14");
	}

	@Test
	void whoAllocatesTheBudgetIsNotDeclinedAsAQuestionAboutAPerson() {
		Reply reply = ask("ใครเป็นคนจัดสรรงบประมาณให้แผนงานนี้คะ");

		assertThat(reply.kind()).isEqualTo(ReplyKind.ANSWER);
		assertThat(reply.text()).contains("สำนักงบประมาณ");
	}

	private Reply ask(String question) {
		return conversation.answer(Speaker.user("U" + UUID.randomUUID()), question);
	}

}
