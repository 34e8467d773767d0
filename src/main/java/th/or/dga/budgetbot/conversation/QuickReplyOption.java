package th.or.dga.budgetbot.conversation;

import java.util.List;

/**
 * A quick-reply button: tapping it asks the intent directly, without classification, or, for
 * the "ดูข้อความต้นฉบับ" button, shows the original text of the facts the answer rests on.
 *
 * @param intent the intent to answer, or null for an original-text button
 * @param originalOf the ids of the facts whose original text the button shows (empty for an intent)
 */
public record QuickReplyOption(String label, String intent, List<String> originalOf) {

	public QuickReplyOption {
		originalOf = List.copyOf(originalOf);
	}

	public QuickReplyOption(String label, String intent) {
		this(label, intent, List.of());
	}

	public static QuickReplyOption originalText(String label, List<String> facts) {
		return new QuickReplyOption(label, null, facts);
	}

	public boolean showsOriginal() {
		return !originalOf.isEmpty();
	}

}
