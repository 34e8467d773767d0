package th.or.dga.budgetbot.conversation;

/** A quick-reply button: tapping it asks the intent directly, without classification. */
public record QuickReplyOption(String label, String intent) {
}
