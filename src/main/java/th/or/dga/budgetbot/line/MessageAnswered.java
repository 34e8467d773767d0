package th.or.dga.budgetbot.line;

import th.or.dga.budgetbot.conversation.Reply;

/** The bot worked out a reply to an event and handed it to LINE (or tried to). */
public record MessageAnswered(String replyToken, Reply reply) {
}
