package th.or.dga.budgetbot.conversation;

import java.util.Optional;
import java.util.regex.Pattern;

import th.or.dga.budgetbot.intents.AnswerKind;

/**
 * The two commands officers type to choose about notices and alerts: {@code หยุดแจ้งเตือน} or
 * {@code stop alerts}, and {@code รับแจ้งเตือน} or {@code start alerts}. Exact syntax, read
 * before classification like the account commands, so that the words an officer was told to
 * type always work; questions about alerts go to the classifier and its alert intents.
 */
final class AlertCommands {

	private static final String POLITE = "(?:\\s*(?:ครับ|คับ|ค่ะ|คะ|นะ(?:คะ|ครับ)?|จ้า|please))*\\s*[.!]?\\s*$";

	private static final Pattern OFF = Pattern.compile(
			"^\\s*(?:หยุด(?:การ)?\\s*(?:รับ\\s*)?แจ้งเตือน|ยกเลิก(?:การ)?\\s*(?:รับ\\s*)?แจ้งเตือน|stop\\s+alerts?|alerts?\\s+off)" + POLITE,
			Pattern.CASE_INSENSITIVE);

	private static final Pattern ON = Pattern.compile(
			"^\\s*(?:(?:เปิด)?รับ\\s*(?:การ)?\\s*แจ้งเตือน(?:อีกครั้ง)?|start\\s+alerts?|alerts?\\s+on)" + POLITE,
			Pattern.CASE_INSENSITIVE);

	private AlertCommands() {
	}

	/** The kind of alert intent the text commands, if it is one of the commands. */
	static Optional<AnswerKind> parse(String text) {
		if (text == null) {
			return Optional.empty();
		}
		if (OFF.matcher(text).matches()) {
			return Optional.of(AnswerKind.ALERTS_OFF);
		}
		return ON.matcher(text).matches() ? Optional.of(AnswerKind.ALERTS_ON) : Optional.empty();
	}

}
