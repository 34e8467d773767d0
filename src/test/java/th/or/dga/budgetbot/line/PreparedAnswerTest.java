package th.or.dga.budgetbot.line;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import th.or.dga.budgetbot.conversation.QuickReplyOption;
import th.or.dga.budgetbot.conversation.Reply;
import th.or.dga.budgetbot.conversation.ReplyKind;
import th.or.dga.budgetbot.language.Language;

/** The answer as kept and sent: the same messages by reply and by push, the push saying what it answers. */
class PreparedAnswerTest {

	private final ObjectMapper json = new ObjectMapper();

	/** 03:42 UTC is 10:42 in Bangkok. */
	private final Instant asked = Instant.parse("2021-01-15T03:42:10Z");

	@Test
	void aPushedThaiAnswerStartsWithTheTimeOfTheQuestionInBangkok() throws Exception {
		PreparedAnswer answer = answer(Language.TH, "ไม่สามารถเสนอของบประมาณได้");

		JsonNode push = json.readTree(answer.pushBody("Uchat", asked));

		assertThat(push.get("to").asText()).isEqualTo("Uchat");
		assertThat(push.at("/messages/0/text").asText()).isEqualTo("คำตอบของคำถามเมื่อ 10:42 น.: ไม่สามารถเสนอของบประมาณได้");
		assertThat(push.at("/messages/0/quickReply/items")).hasSize(1);
	}

	@Test
	void aPushedEnglishAnswerSaysItInEnglishAndStaysWithinLinesLength() throws Exception {
		PreparedAnswer answer = answer(Language.EN, "x".repeat(5000));

		String text = json.readTree(answer.pushBody("Uchat", asked)).at("/messages/0/text").asText();

		assertThat(text).startsWith("Answer to your question at 10:42: ").hasSize(5000);
	}

	@Test
	void aReplyCarriesTheSameMessagesWithItsTokenAndNoNulls() throws Exception {
		PreparedAnswer answer = answer(Language.TH, "สวัสดีค่ะ");

		JsonNode reply = json.readTree(answer.replyBody("the-token"));

		assertThat(reply.get("replyToken").asText()).isEqualTo("the-token");
		assertThat(reply.at("/messages/0/type").asText()).isEqualTo("text");
		assertThat(reply.at("/messages/0/text").asText()).isEqualTo("สวัสดีค่ะ");
		assertThat(reply.toString()).doesNotContain("null");
		assertThat(PreparedAnswer.fromJson(answer.toJson())).isEqualTo(answer);
	}

	private static PreparedAnswer answer(Language language, String text) {
		Reply reply = new Reply(ReplyKind.ANSWER, "greeting", 0.9, language, text, List.of(new QuickReplyOption("เมนู", "help-menu")));
		return new PreparedAnswer(language, MessageJson.of(ReplyMessages.of(reply)));
	}

}
