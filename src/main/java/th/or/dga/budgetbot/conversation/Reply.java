package th.or.dga.budgetbot.conversation;

import java.util.List;

import th.or.dga.budgetbot.language.Language;

/**
 * The bot's answer to one message, before it becomes LINE messages.
 *
 * @param intent the intent answered, or null for a reply that belongs to none
 * @param confidence the classifier's combined score for the best intent (0 when not classified)
 * @param text the reply, or for cards their summary (LINE's altText)
 * @param cards budget requests shown as cards (a Flex message), if any
 * @param note said before the reply, as a message of its own (that another agency's requests
 *     cannot be shown), or null
 */
public record Reply(ReplyKind kind, String intent, double confidence, Language language, String text,
		List<QuickReplyOption> quickReplies, List<StatusCard> cards, String note) {

	public Reply {
		quickReplies = List.copyOf(quickReplies);
		cards = List.copyOf(cards);
	}

	public Reply(ReplyKind kind, String intent, double confidence, Language language, String text,
			List<QuickReplyOption> quickReplies, List<StatusCard> cards) {
		this(kind, intent, confidence, language, text, quickReplies, cards, null);
	}

	public Reply(ReplyKind kind, String intent, double confidence, Language language, String text,
			List<QuickReplyOption> quickReplies) {
		this(kind, intent, confidence, language, text, quickReplies, List.of());
	}

}
