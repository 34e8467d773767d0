package th.or.dga.budgetbot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import th.or.dga.budgetbot.agency.Agency;
import th.or.dga.budgetbot.calendar.FiscalYear;
import th.or.dga.budgetbot.calendar.FiscalYearCalendar;
import th.or.dga.budgetbot.calendar.SubmissionState;
import th.or.dga.budgetbot.language.Language;
import th.or.dga.budgetbot.language.LocalizedText;

class ConversationTest {

	private final Conversation conversation = TestConversations.conversation();

	@Test
	void saysFy2564IsClosedBecauseTheBudgetBureauIsAllocating() {
		Reply reply = conversation.answer(Speaker.user(user()), "ยังยื่นของบบูรณาการรัฐบาลดิจิทัลปี 64 ได้ไหมคะ");

		assertThat(reply.kind()).isEqualTo(ReplyKind.ANSWER);
		assertThat(reply.intent()).isEqualTo("fy-can-submit");
		assertThat(reply.text()).contains("2564").contains("สำนักงบประมาณ");
		assertThat(reply.quickReplies()).isNotEmpty();
	}

	@Test
	void answersAYearTheCalendarDoesNotKnowWithNoInformationYet() {
		Reply reply = conversation.answer(Speaker.user(user()), "ยังยื่นของบบูรณาการรัฐบาลดิจิทัลปี 2566 ได้ไหมคะ");

		assertThat(reply.kind()).isEqualTo(ReplyKind.NOT_KNOWN);
		assertThat(reply.text()).contains("2566").doesNotContain("สำนักงบประมาณ");
	}

	@Test
	void answersFromTheCalendarSoOpeningAYearChangesTheAnswer() {
		FiscalYearCalendar opened = new FiscalYearCalendar(2565, List.of(new FiscalYear(2565, SubmissionState.OPEN,
				LocalDate.of(2021, 1, 4), LocalDate.of(2021, 3, 31), null, null, List.of())));
		Conversation withFy2565Open = TestConversations.conversation(opened);

		Reply reply = withFy2565Open.answer(Speaker.user(user()), "ยังยื่นของบบูรณาการรัฐบาลดิจิทัลปี 65 ได้ไหมคะ");

		assertThat(reply.kind()).isEqualTo(ReplyKind.ANSWER);
		assertThat(reply.text()).contains("31 มี.ค. 2564");
	}

	@Test
	void answersAFollowUpAboutAnotherYearAsTheSameQuestion() {
		String user = user();
		conversation.answer(Speaker.user(user), "ยังยื่นของบบูรณาการปี 64 ได้ไหม");

		Reply followUp = conversation.answer(Speaker.user(user), "แล้วปี 65 ล่ะ");

		assertThat(followUp.intent()).isEqualTo("fy-can-submit");
		assertThat(followUp.text()).contains("2565");
	}

	@Test
	void doesNotAnswerAFactAboutAnotherYearOrCommittee() {
		Reply otherYear = conversation.answer(Speaker.user(user()), "ครม.มีมติเห็นชอบงบบูรณาการปี 2566 เมื่อไหร่");
		Reply otherCommittee = conversation.answer(Speaker.user(user()), "ใครเป็นประธานคณะที่ 1.5");

		assertThat(otherYear.kind()).isNotEqualTo(ReplyKind.ANSWER);
		assertThat(otherYear.text()).doesNotContain("11 ธันวาคม");
		assertThat(otherCommittee.kind()).isNotEqualTo(ReplyKind.ANSWER);
		assertThat(otherCommittee.text()).doesNotContain("ประวิตร");
	}

	@Test
	void fallsBackWithTheContactChannelWhenItDoesNotUnderstand() {
		Reply reply = conversation.answer(Speaker.user(user()), "สูตรต้มยำกุ้งน้ำข้นทำยังไง");

		assertThat(reply.kind()).isNotEqualTo(ReplyKind.ANSWER);
		assertThat(reply.text()).contains("0 2612 6000");
		assertThat(reply.quickReplies()).isNotEmpty();
	}

	@Test
	void repliesInTheLanguageOfTheMessage() {
		Reply reply = conversation.answer(Speaker.user(user()), "Who chairs sub-committee 1.3?");

		assertThat(reply.language()).isEqualTo(Language.EN);
		assertThat(reply.text()).contains("Prawit Wongsuwan");
	}

	@Test
	void answersATappedQuickReplyWithoutClassifying() {
		assertThat(conversation.answerIntent(Speaker.user(user()), "contact", Language.EN)).hasValueSatisfying(r -> {
			assertThat(r.kind()).isEqualTo(ReplyKind.ANSWER);
			assertThat(r.text()).contains("contact@dga.or.th");
		});
	}

	@Test
	void sentencesThatStartWithLinkAreAnsweredAsQuestionsAndLockNobody() {
		String user = user();
		List<String> sentences = List.of("link to the budget form please", "link for the 2565 budget guideline",
				"Link to download the request template", "link of the cabinet resolution", "link to the DGA website");
		for (int round = 0; round < 2; round++) {
			for (String sentence : sentences) {
				Reply reply = conversation.answer(Speaker.user(user), sentence);

				assertThat(reply.text()).as(sentence).doesNotContain("link code").doesNotContain("Too many wrong codes");
				assertThat(reply.kind() == ReplyKind.ANSWER && reply.intent() == null).as("%s went to the classifier", sentence)
					.isFalse();
			}
		}

		String code = TestConversations.linking().issue(TestConversations.agency("กรมลิงก์")).code();
		assertThat(conversation.answer(Speaker.user(user), "ผูกบัญชี " + code).text()).contains("กรมลิงก์");
	}

	@Test
	void namingAnotherAgencySaysItsRequestsCannotBeShownThenShowsOnesOwn() {
		TestConversations.saveAgency(new Agency("MOF-CGD", "กรมบัญชีกลาง", "The Comptroller General's Department", null));
		String own = TestConversations.agency("กรมเจ้าของ");
		String user = user();
		conversation.answer(Speaker.user(user), "ผูกบัญชี " + TestConversations.linking().issue(own).code());

		Reply thai = conversation.answer(Speaker.user(user), "คำขอของกรมบัญชีกลางถึงไหนแล้ว");
		Reply english = conversation.answer(Speaker.user(user), "status of MOF-CGD's request");
		Reply plain = conversation.answer(Speaker.user(user), "คำขอของหน่วยงานเราถึงไหนแล้ว");

		assertThat(thai.intent()).isEqualTo("own-request-status");
		assertThat(thai.note()).contains("กรมบัญชีกลาง").contains("กรมเจ้าของ");
		assertThat(english.intent()).isEqualTo("own-request-status");
		assertThat(english.note()).contains("The Comptroller General's Department").contains("cannot show");
		assertThat(plain.note()).isNull();
	}

	private static String user() {
		return "U" + UUID.randomUUID();
	}

	static LocalizedText text(String th) {
		return new LocalizedText(th, th);
	}

}
