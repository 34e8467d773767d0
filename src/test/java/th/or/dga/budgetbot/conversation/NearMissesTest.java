package th.or.dga.budgetbot.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import th.or.dga.budgetbot.conversation.OperatorData.InvalidOperatorData;

/**
 * The near-miss rules of {@code config/near-misses.yml}, each both ways: it declines the question
 * that asks for what the facts do not hold, and leaves alone the in-scope question it resembles.
 * Questions written from programme-facts.md, not taken from the test files.
 */
class NearMissesTest {

	private static final NearMisses RULES = NearMisses.load(Path.of("config/near-misses.yml"));

	@ParameterizedTest(name = "{0} -> {1}: {2}")
	@CsvSource(delimiter = '|', textBlock = """
			budget-bureau-role     | unknown-contact   | เบอร์โทรสำนักงบประมาณคือเบอร์อะไรครับ
			contact                | unknown-contact   | ขออีเมล สงป. หน่อยค่ะ
			contact                | unknown-contact   | what is the phone number of the Budget Bureau
			dga-host               | unknown-contact   | ไลน์ไอดีฝ่ายเลขาคณะ 1.3 อะไรคะ
			act-published          | unknown-other-law | พ.ร.บ.รัฐบาลดิจิทัลมีการแก้ไขเพิ่มเติมหรือยังคะ
			act-purpose            | unknown-other-law | has the digital government act been amended
			act-purpose            | unknown-other-law | พรบ.คุ้มครองข้อมูลส่วนบุคคลมีวัตถุประสงค์อะไร
			dg-plan-purpose        | unknown-plan      | แผนพัฒนารัฐบาลดิจิทัลฉบับถัดไปมีไว้ทำอะไร
			dg-plan-purpose        | unknown-plan      | what is the next digital government development plan about
			integrated-plans-count | unknown-plan      | อีก 13 แผนงานบูรณาการมีอะไรบ้างคะ
			integrated-plans-count | unknown-plan      | which are the other integrated plans
			programme-overview     | unknown-plan      | แผนงานบูรณาการรัฐบาลดิจิทัลมียุทธศาสตร์อะไรบ้าง
			own-request-status     | unknown-plan      | ขอรายชื่อโครงการทั้งหมดในแผนงานบูรณาการรัฐบาลดิจิทัล
			dga-host               | unknown-person    | ผอ.สพร. ชื่ออะไรคะ
			dga-host               | unknown-person    | who is the director of DGA
			subcommittee           | unknown-person    | คณะ 1.3 มีกรรมการคนอื่นเป็นใครบ้าง
			dg-committee           | unknown-person    | ใครเป็นประธานคณะกรรมการพัฒนารัฐบาลดิจิทัล
			dga-host               | unknown-person    | เลขานุการร่วมชื่ออะไรครับ
			budget-bureau-role     | unknown-date      | สำนักงบประมาณจะประกาศผลการจัดสรรวันไหนคะ
			subcommittee           | unknown-date      | คณะ 1.3 แต่งตั้งเมื่อไหร่
			plan-approved          | unknown-date      | ครม.อนุมัติแผนพัฒนารัฐบาลดิจิทัลเมื่อไหร่ครับ
			budget-bureau-role     | unknown-amount    | แผนงานบูรณาการรัฐบาลดิจิทัลได้งบกี่ล้านคะ
			programme-overview     | unknown-amount    | how much is the digital government integration budget
			integrated-plans-count | unknown-amount    | แผนงานบูรณาการรัฐบาลดิจิทัลมีกี่โครงการ
			dga-role               | unknown-amount    | how many staff does DGA have
			""")
	void declinesAQuestionForWhatTheFactsDoNotHold(String intent, String decline, String question) {
		assertThat(RULES.declineFor(intent, question, false)).as(question).contains(decline);
	}

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiter = '|', textBlock = """
			contact                | เบอร์โทร สพร. เบอร์อะไรคะ
			contact                | how can I contact DGA
			budget-bureau-role     | ตอนนี้สำนักงบประมาณทำอะไรอยู่
			act-published          | พ.ร.บ.รัฐบาลดิจิทัลประกาศในราชกิจจานุเบกษาเมื่อไหร่
			act-purpose            | what is the aim of the digital government act
			dg-plan-purpose        | แผนพัฒนารัฐบาลดิจิทัลสอดคล้องกับยุทธศาสตร์ชาติยังไง
			dg-plan-purpose        | what is the digital government development plan for
			integrated-plans-count | งบบูรณาการปี 64 มีกี่แผนงานคะ
			integrated-plans-count | how many integrated plans are there in FY2021
			subcommittee-chair     | ประธานคณะ 1.3 ชื่ออะไรคะ
			subcommittee-chair     | who chairs sub-committee 1.3
			dga-host               | ใครเป็นเลขานุการคณะที่ 1.3
			dga-host               | is the DGA director the secretary of sub-committee 1.3
			dg-committee           | คณะกรรมการพัฒนารัฐบาลดิจิทัลทำหน้าที่อะไร
			draft-plan-presented   | สพร.เสนอร่างแผนต่อคณะกรรมการเมื่อไหร่คะ
			cabinet-resolution     | ครม.มีมติเห็นชอบงบบูรณาการเมื่อไหร่
			plan-approved          | แผนพัฒนารัฐบาลดิจิทัล 2563-2565 อนุมัติเมื่อไหร่
			subcommittee           | คณะที่ดูแลแผนงานรัฐบาลดิจิทัลคือคณะที่เท่าไหร่
			act-purpose            | พ.ร.บ.มีวัตถุประสงค์กี่ข้อ
			own-request-status     | คำขอของเราได้งบเท่าไหร่แล้ว
			own-request-status     | โครงการของเรามีอะไรบ้าง ถึงไหนแล้ว
			budget-bureau-role     | สำนักงบประมาณเกี่ยวข้องกับแผนงานนี้ยังไงบ้าง
			""")
	void answersTheInScopeQuestionItResembles(String intent, String question) {
		assertThat(RULES.declineFor(intent, question, false)).as(question).isEmpty();
	}

	@Test
	void aComputedAnswerIsDeclinedOnlyByTheRulesThatNameIt() {
		String exactDay = "สำนักงบจะโอนเงินจัดสรรวันไหนคะ";

		assertThat(RULES.declineFor("fy-allocation", exactDay, true)).contains("unknown-date");
		assertThat(RULES.declineFor("fy-allocation", "ได้รับจัดสรรงบปี 64 เมื่อไหร่คะ", true)).isEmpty();
		assertThat(RULES.declineFor("fy-deadline", "ปิดรับคำขอวันไหนคะ", true)).isEmpty();
	}

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiter = '|', textBlock = """
			unknown-person | ใครเป็นคนจัดสรรงบประมาณคะ
			unknown-person | who allocates the budget
			unknown-amount | การจัดสรรงบถึงไหนแล้วคะ
			unknown-amount | ทำไมยื่นของบไม่ได้แล้ว
			unknown-date   | why can't we submit a request any more
			""")
	void aDeclineIntentGivesWayWhenTheQuestionDoesNotAskWhatItDeclines(String decline, String question) {
		assertThat(RULES.asks(decline, question)).as(question).isFalse();
	}

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiter = '|', textBlock = """
			unknown-person | ผอ.สพร. คนปัจจุบันชื่ออะไร
			unknown-person | what are the names of the sub-committee members
			unknown-amount | กรมเราได้รับจัดสรรกี่บาท
			unknown-amount | how much did our agency get
			unknown-date   | สำนักงบจะโอนเงินวันไหน
			unknown-date   | when will the allocation be announced
			out-of-scope   | วันนี้ฝนตกไหม
			""")
	void aDeclineIntentStandsWhenTheQuestionAsksWhatItDeclines(String decline, String question) {
		assertThat(RULES.asks(decline, question)).as(question).isTrue();
	}

	@Test
	void namesOnlyIntentsOfTheCatalog() {
		assertThat(TestConversations.trainedCatalog().catalog().intents().stream().map(i -> i.id()).toList())
			.containsAll(RULES.intentIds());
	}

	@Test
	void aBadFileIsRefusedWithItsNameAndTheFix(@TempDir Path dir) throws IOException {
		Path file = dir.resolve("near-misses.yml");
		Files.writeString(file, "rules:\n  - name: x\n    decline: unknown-amount\n");

		assertThatThrownBy(() -> NearMisses.load(file)).isInstanceOf(InvalidOperatorData.class)
			.hasMessageContaining(file.toString())
			.hasMessageContaining("'all'");
	}

	@Test
	void aMissingFileDeclinesNothing(@TempDir Path dir) {
		NearMisses none = NearMisses.load(dir.resolve("near-misses.yml"));

		assertThat(none.declineFor("dga-host", "ผอ.สพร. ชื่ออะไรคะ", false)).isEmpty();
		assertThat(none.asks("unknown-person", "who allocates the budget")).isTrue();
	}

}
