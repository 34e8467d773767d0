package th.or.dga.budgetbot.conversation;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An elliptical follow-up: a short message that only swaps one thing of the previous question
 * ("แล้วปี 65 ล่ะ", "ปีหน้าล่ะคะ", "what about FY2022?"), and so means the previous intent again.
 */
final class FollowUps {

	/** Longer than this, a message is a question of its own. */
	private static final int MAX_LENGTH = 40;

	private static final Pattern THAI = Pattern
		.compile("^(?:แล้ว|และ|ส่วน)?.{0,25}?(?:ล่ะ|หละ|ละ)\\s*(?:ครับ|คับ|ค่ะ|คะ|จ้า|จ๊ะ|นะ)?\\s*[?？]*$");

	private static final Pattern ENGLISH = Pattern.compile("^(?:and\\s+)?(?:what|how)\\s+about\\b.{0,30}$|^and\\s+(?:for|in)\\b.{0,30}$");

	private FollowUps() {
	}

	static boolean isElliptical(String text) {
		if (text == null) {
			return false;
		}
		String message = text.strip().toLowerCase(Locale.ROOT);
		if (message.isEmpty() || message.length() > MAX_LENGTH) {
			return false;
		}
		return THAI.matcher(message).matches() || ENGLISH.matcher(message).matches();
	}

}
