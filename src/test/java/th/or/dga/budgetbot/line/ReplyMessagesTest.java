package th.or.dga.budgetbot.line;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.linecorp.bot.model.action.PostbackAction;
import com.linecorp.bot.model.message.Message;
import com.linecorp.bot.model.message.TextMessage;

import th.or.dga.budgetbot.conversation.QuickReplyOption;
import th.or.dga.budgetbot.conversation.Reply;
import th.or.dga.budgetbot.conversation.ReplyKind;
import th.or.dga.budgetbot.language.Language;

class ReplyMessagesTest {

	@Test
	void keepsEveryReplyWithinLinesLimits() {
		List<QuickReplyOption> options = IntStream.range(0, 20)
			.mapToObj(i -> new QuickReplyOption("ป้ายชื่อที่ยาวเกินยี่สิบตัวอักษรแน่นอน " + i, "intent-" + i))
			.toList();
		Reply reply = new Reply(ReplyKind.ANSWER, "x", 1, Language.TH, "ก".repeat(6000), options);

		List<Message> messages = ReplyMessages.of(reply);

		assertThat(messages).hasSizeBetween(1, 5);
		TextMessage text = (TextMessage) messages.get(0);
		assertThat(text.getText()).hasSize(5000);
		assertThat(text.getQuickReply().getItems()).hasSize(13);
		text.getQuickReply().getItems().forEach(item -> assertThat(((PostbackAction) item.getAction()).getLabel().length()).isLessThanOrEqualTo(20));
	}

	@Test
	void makesEachQuickReplyAPostbackNamingItsIntentAndLanguage() {
		Reply reply = new Reply(ReplyKind.ANSWER, "x", 1, Language.EN, "hello", List.of(new QuickReplyOption("Contact", "contact")));

		PostbackAction action = (PostbackAction) ((TextMessage) ReplyMessages.of(reply).get(0)).getQuickReply().getItems().get(0).getAction();

		assertThat(action.getData()).isEqualTo("intent=contact&lang=en");
		assertThat(action.getDisplayText()).isEqualTo("Contact");
	}

	@Test
	void makesTheOriginalTextButtonAPostbackNamingItsFacts() {
		Reply reply = new Reply(ReplyKind.ANSWER, "plan-approved", 1, Language.TH, "คำตอบ",
				List.of(QuickReplyOption.originalText("ดูข้อความต้นฉบับ", List.of("F5", "F6")), new QuickReplyOption("ติดต่อ", "contact")));

		List<PostbackAction> actions = ((TextMessage) ReplyMessages.of(reply).get(0)).getQuickReply()
			.getItems()
			.stream()
			.map(item -> (PostbackAction) item.getAction())
			.toList();

		assertThat(actions.get(0).getData()).isEqualTo("original=F5,F6&lang=th");
		assertThat(actions.get(0).getDisplayText()).isEqualTo("ดูข้อความต้นฉบับ");
		assertThat(actions.get(1).getData()).isEqualTo("intent=contact&lang=th");
	}

	@Test
	void neverCutsASurrogatePairInHalf() {
		String text = "a".repeat(4999) + "😀";

		assertThat(ReplyMessages.truncate(text, 5000)).hasSize(4999);
	}

}
