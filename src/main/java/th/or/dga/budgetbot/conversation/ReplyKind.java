package th.or.dga.budgetbot.conversation;

/** What sort of reply the bot gives; everything but ANSWER means "I do not have that". */
public enum ReplyKind {

	/** An intent's answer, resting on facts or calendar data. */
	ANSWER,
	/** The bot did not understand, or the question is outside what it knows. */
	FALLBACK,
	/** Understood, but the facts do not hold what was asked (an unknown-kind intent, another year or committee). */
	NOT_KNOWN,
	/** A welcome, for a follow event. */
	WELCOME,
	/** A sticker, image or other non-text message. */
	NON_TEXT;

	public boolean answersFromFacts() {
		return this == ANSWER;
	}

}
