package th.or.dga.budgetbot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import th.or.dga.budgetbot.agency.Agency;
import th.or.dga.budgetbot.calendar.FiscalYear;
import th.or.dga.budgetbot.calendar.FiscalYearCalendar;
import th.or.dga.budgetbot.MutableClock;
import th.or.dga.budgetbot.calendar.FiscalYearState;
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
		FiscalYearCalendar opened = FiscalYearCalendar.of(2565, List.of(open(2565, "2021-01-04T08:30:00+07:00",
				"2021-03-31T16:30:00+07:00")));
		MutableClock clock = clockAt("2021-02-01T09:00:00+07:00");
		Conversation withFy2565Open = TestConversations.conversation(opened, event -> {
		}, clock);

		Reply reply = withFy2565Open.answer(Speaker.user(user()), "ยังยื่นของบบูรณาการรัฐบาลดิจิทัลปี 65 ได้ไหมคะ");

		assertThat(reply.kind()).isEqualTo(ReplyKind.ANSWER);
		assertThat(reply.text()).contains("4 ม.ค. 2564 เวลา 08:30 น.").contains("31 มี.ค. 2564 เวลา 16:30 น.");
	}

	@Test
	void tellsTheTimeLeftBeforeTheDeadlineByTheClock() {
		FiscalYearCalendar calendar = FiscalYearCalendar.of(2570,
				List.of(open(2570, "2026-12-01T08:30:00+07:00", "2027-01-29T16:30:00+07:00")));
		MutableClock clock = clockAt("2027-01-19T16:30:00+07:00");
		Conversation conversation = TestConversations.conversation(calendar, event -> {
		}, clock);

		Reply tenDays = conversation.answer(Speaker.user(user()), "เหลือกี่วันจะปิดรับคำขอคะ");
		clock.advance(Duration.ofDays(9));
		Reply oneDay = conversation.answer(Speaker.user(user()), "เหลือกี่วันจะปิดรับคำขอคะ");
		clock.advance(Duration.ofHours(22));
		Reply twoHours = conversation.answer(Speaker.user(user()), "เหลือกี่วันจะปิดรับคำขอคะ");
		clock.advance(Duration.ofHours(3));
		Reply closed = conversation.answer(Speaker.user(user()), "เหลือกี่วันจะปิดรับคำขอคะ");

		assertThat(tenDays.intent()).isEqualTo("fy-deadline");
		assertThat(tenDays.text()).contains("29 ม.ค. 2570 เวลา 16:30 น.").contains("เหลือเวลาอีก 10 วัน");
		assertThat(oneDay.text()).contains("เหลือเวลาอีก 1 วัน");
		assertThat(twoHours.text()).contains("เหลือเวลาอีก 2 ชั่วโมง");
		assertThat(closed.text()).doesNotContain("เหลือเวลาอีก").contains("ปิดรับคำขอไปเมื่อ 29 ม.ค. 2570 เวลา 16:30 น.");
	}

	@Test
	void tellsWhenAYearThatIsNotOpenYetWillOpen() {
		FiscalYear notOpen = new FiscalYear(2566, FiscalYearState.NOT_OPEN, instant("2022-12-01T08:30:00+07:00"),
				instant("2023-01-31T16:30:00+07:00"), List.of(), null, null);
		Conversation conversation = TestConversations.conversation(FiscalYearCalendar.of(2564, List.of(notOpen)), event -> {
		}, clockAt("2022-11-01T09:00:00+07:00"));

		Reply thai = conversation.answer(Speaker.user(user()), "ปีงบ 66 เปิดเมื่อไหร่");
		Reply english = conversation.answer(Speaker.user(user()), "when will FY2566 open for requests");

		assertThat(thai.kind()).isEqualTo(ReplyKind.ANSWER);
		assertThat(thai.text()).contains("2566").contains("1 ธ.ค. 2565 เวลา 08:30 น.").contains("31 ม.ค. 2566 เวลา 16:30 น.");
		assertThat(english.text()).contains("1 Dec 2022, 08:30 (Bangkok time)");
	}

	@Test
	void answersAnAllocatedYearWithItsOwnTextAndAYearInAllocationWithTheClosedOne() {
		LocalizedText phase = new LocalizedText("จัดสรรเสร็จแล้ว", "allocated");
		FiscalYear allocated = new FiscalYear(2565, FiscalYearState.ALLOCATED, null, null, List.of(), phase,
				new LocalizedText("สำนักงบประมาณจัดสรรครบแล้ว", "the Budget Bureau has allocated it all"));
		Conversation conversation = TestConversations.conversation(FiscalYearCalendar.of(2565, List.of(allocated)));

		Reply allocation = conversation.answer(Speaker.user(user()), "งบบูรณาการรัฐบาลดิจิทัลปี 65 จะได้รับจัดสรรเมื่อไหร่คะ");
		Reply canSubmit = conversation.answer(Speaker.user(user()), "ยังยื่นของบบูรณาการรัฐบาลดิจิทัลปี 65 ได้ไหมคะ");

		assertThat(allocation.intent()).isEqualTo("fy-allocation");
		assertThat(allocation.text()).contains("จัดสรรแล้ว").contains("สำนักงบประมาณจัดสรรครบแล้ว").doesNotContain("ยังไม่มีข้อมูลวันที่จัดสรร");
		assertThat(canSubmit.text()).contains("ไม่สามารถเสนอ").contains("สำนักงบประมาณจัดสรรครบแล้ว");
	}

	@Test
	void answersHowManyDaysAreLeftAskedBareWithTheDeadline() {
		FiscalYearCalendar calendar = FiscalYearCalendar.of(2570,
				List.of(open(2570, "2026-12-01T08:30:00+07:00", "2027-01-29T16:30:00+07:00")));
		Conversation conversation = TestConversations.conversation(calendar, event -> {
		}, clockAt("2027-01-26T16:30:00+07:00"));

		Reply reply = conversation.answer(Speaker.user(user()), "เหลือกี่วันคะ");

		assertThat(reply.text()).contains("เหลือเวลาอีก 3 วัน");
	}

	private static FiscalYear open(int year, String opens, String closes) {
		return new FiscalYear(year, FiscalYearState.OPEN, instant(opens), instant(closes), List.of(), null, null);
	}

	private static Instant instant(String time) {
		return OffsetDateTime.parse(time).toInstant();
	}

	private static MutableClock clockAt(String time) {
		MutableClock clock = new MutableClock();
		clock.advance(Duration.between(clock.instant(), instant(time)));
		return clock;
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
