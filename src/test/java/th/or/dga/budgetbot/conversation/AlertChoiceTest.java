package th.or.dga.budgetbot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import th.or.dga.budgetbot.calendar.FiscalYearCalendar;
import th.or.dga.budgetbot.language.Language;

/** Officers stop and start notices and alerts with a command or in their own words; the bot confirms each. */
class AlertChoiceTest {

	private final List<Object> events = new ArrayList<>();

	private final Conversation conversation = TestConversations
		.conversation(FiscalYearCalendar.load(Path.of("config/fiscal-years.yml")), events::add);

	@ParameterizedTest
	@ValueSource(strings = { "หยุดแจ้งเตือน", "หยุดแจ้งเตือนค่ะ", "ยกเลิกการแจ้งเตือน", "stop alerts", "Stop alerts please" })
	void theStopCommandOptsTheOfficerOutAndSaysHowToComeBack(String text) {
		String user = user();

		Reply reply = conversation.answer(Speaker.user(user), text);

		assertThat(events).containsExactly(new AlertsOptedOut(user));
		assertThat(reply.intent()).isEqualTo("unsubscribe-alerts");
		assertThat(reply.text()).containsAnyOf("รับแจ้งเตือน", "start alerts");
	}

	@ParameterizedTest
	@ValueSource(strings = { "รับแจ้งเตือน", "เปิดรับแจ้งเตือนครับ", "start alerts" })
	void theStartCommandOptsTheOfficerBackIn(String text) {
		String user = user();

		Reply reply = conversation.answer(Speaker.user(user), text);

		assertThat(events).containsExactly(new AlertsOptedIn(user));
		assertThat(reply.intent()).isEqualTo("subscribe-alerts");
	}

	@Test
	void askingInOnesOwnWordsDoesWhatTheAnswerSays() {
		String user = user();

		Reply reply = conversation.answer(Speaker.user(user), "ไม่อยากได้รับการแจ้งเตือนแล้วค่ะ");

		assertThat(reply.intent()).isEqualTo("unsubscribe-alerts");
		assertThat(events).containsExactly(new AlertsOptedOut(user));
	}

	@Test
	void aTappedQuickReplyActsToo() {
		String user = user();

		assertThat(conversation.answerIntent(Speaker.user(user), "subscribe-alerts", Language.TH)).isPresent();

		assertThat(events).containsExactly(new AlertsOptedIn(user));
	}

	@Test
	void inAGroupNothingIsChangedAndTheBotSaysToAskInPrivate() {
		Reply reply = conversation.answer(new Speaker(user(), "C" + UUID.randomUUID().toString().replace("-", ""), false),
				"หยุดแจ้งเตือน");

		assertThat(events).isEmpty();
		assertThat(reply.quickReplies()).isEmpty();
	}

	@Test
	void aSentenceThatOnlyMentionsAlertsIsNotACommand() {
		assertThat(AlertCommands.parse("หยุดแจ้งเตือนเรื่องงบได้ไหม แต่ยังอยากรู้สถานะ")).isEmpty();
		assertThat(AlertCommands.parse("how do I stop alerts from other bots")).isEmpty();
	}

	private static String user() {
		return "U" + UUID.randomUUID().toString().replace("-", "");
	}

}
