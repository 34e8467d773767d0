package th.or.dga.budgetbot.line;

import java.util.List;

import com.linecorp.bot.model.action.PostbackAction;
import com.linecorp.bot.model.message.FlexMessage;
import com.linecorp.bot.model.message.Message;
import com.linecorp.bot.model.message.TextMessage;
import com.linecorp.bot.model.message.quickreply.QuickReply;
import com.linecorp.bot.model.message.quickreply.QuickReplyItem;

import th.or.dga.budgetbot.conversation.QuickReplyOption;
import th.or.dga.budgetbot.conversation.Reply;

/**
 * Turns a reply into LINE messages within LINE's limits by construction: one message, a text
 * of at most 5,000 UTF-16 units or a Flex carousel of at most 12 cards with an altText of at
 * most 1,500, and at most 13 quick-reply items with labels of at most 20. A
 * quick reply is a postback naming its intent, so tapping it needs no classification, or the
 * facts whose original text it shows.
 */
public final class ReplyMessages {

	static final int MAX_TEXT = 5000;

	/** LINE's most message objects in one request. */
	static final int MAX_MESSAGES = 5;

	/** LINE's limit for a Flex message's altText, which is what notifications and old clients show. */
	static final int MAX_ALT_TEXT = 1500;

	static final int MAX_QUICK_REPLIES = 13;

	static final int MAX_LABEL = 20;

	/** The postback data names the intent to answer: {@code intent=<id>&lang=th}. */
	static final String POSTBACK_INTENT = "intent";

	/** The postback data names the facts whose original text to show: {@code original=F5,F6&lang=th}. */
	static final String POSTBACK_ORIGINAL = "original";

	private ReplyMessages() {
	}

	public static List<Message> of(Reply reply) {
		List<QuickReplyItem> items = reply.quickReplies()
			.stream()
			.limit(MAX_QUICK_REPLIES)
			.map(option -> item(option, reply))
			.toList();
		QuickReply quickReply = items.isEmpty() ? null : QuickReply.items(items);
		Message main = reply.cards().isEmpty() ? new TextMessage(truncate(reply.text(), MAX_TEXT), quickReply)
				: FlexMessage.builder()
					.altText(truncate(reply.text(), MAX_ALT_TEXT))
					.contents(StatusCards.carousel(reply.cards(), reply.language()))
					.quickReply(quickReply)
					.build();
		return reply.note() == null ? List.of(main) : List.of(new TextMessage(truncate(reply.note(), MAX_TEXT), null), main);
	}

	private static QuickReplyItem item(QuickReplyOption option, Reply reply) {
		String label = truncate(option.label(), MAX_LABEL);
		String target = option.showsOriginal() ? POSTBACK_ORIGINAL + "=" + String.join(",", option.originalOf())
				: POSTBACK_INTENT + "=" + option.intent();
		String data = target + "&lang=" + reply.language().name().toLowerCase(java.util.Locale.ROOT);
		return QuickReplyItem.builder().action(new PostbackAction(label, data, label, null, null, null)).build();
	}

	/** Cuts at a code-point boundary so that no half surrogate pair is sent. */
	static String truncate(String text, int max) {
		if (text.length() <= max) {
			return text;
		}
		int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
		return text.substring(0, end);
	}

}
