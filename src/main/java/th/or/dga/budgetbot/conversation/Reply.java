package th.or.dga.budgetbot.conversation;

import java.util.List;

import th.or.dga.budgetbot.language.Language;

/**
 * The bot's answer to one message, before it becomes LINE messages.
 *
 * @param intent the intent answered, or null for a reply that belongs to none
 * @param confidence the classifier's combined score for the best intent (0 when not classified)
 */
public record Reply(ReplyKind kind, String intent, double confidence, Language language, String text,
		List<QuickReplyOption> quickReplies) {

	public Reply {
		quickReplies = List.copyOf(quickReplies);
	}

}
