package th.or.dga.budgetbot.conversation;

import th.or.dga.budgetbot.language.LocalizedText;

/**
 * Replies that belong to no intent ({@code config/replies.yml}).
 *
 * @param otherAgency said before an officer's own requests when they asked for another agency's
 */
public record OperatorReplies(LocalizedText fallback, LocalizedText yearNotCovered, LocalizedText committeeNotCovered,
		LocalizedText welcome, LocalizedText nonText, LocalizedText linked, LocalizedText linkWrong, LocalizedText linkUsed,
		LocalizedText linkExpired, LocalizedText linkLocked, LocalizedText unlinked, LocalizedText notLinked,
		LocalizedText privateOnly, LocalizedText programmeClosed, LocalizedText otherAgency) {
}
