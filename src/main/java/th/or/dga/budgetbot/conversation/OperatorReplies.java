package th.or.dga.budgetbot.conversation;

import th.or.dga.budgetbot.language.LocalizedText;

/** Replies that belong to no intent ({@code config/replies.yml}). */
public record OperatorReplies(LocalizedText fallback, LocalizedText yearNotCovered, LocalizedText committeeNotCovered,
		LocalizedText welcome, LocalizedText nonText, LocalizedText linked, LocalizedText linkWrong, LocalizedText linkUsed,
		LocalizedText linkExpired, LocalizedText linkLocked, LocalizedText unlinked, LocalizedText notLinked,
		LocalizedText privateOnly, LocalizedText programmeClosed) {
}
