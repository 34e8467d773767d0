package th.or.dga.budgetbot.conversation;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import th.or.dga.budgetbot.agency.StaffLinking;

/**
 * The two commands officers type to link their LINE account: {@code ผูกบัญชี <code>} or
 * {@code link <code>}, and {@code ยกเลิกผูกบัญชี} or {@code unlink}. These are exact syntax,
 * not questions, so they are read before classification. A text is a link command only if what
 * follows the word has the shape of a code: "link to the budget form please" is a question, and
 * must neither count as a wrong code nor go unanswered.
 */
final class AccountCommands {

	private static final Pattern UNLINK = Pattern.compile("^\\s*(?:ยกเลิก(?:การ)?\\s*ผูก\\s*บัญชี|unlink)\\s*[.!]?\\s*$",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern LINK = Pattern.compile("^\\s*(?:ผูก\\s*บัญชี|link\\b)\\s*[:：]?(.*)$",
			Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

	private AccountCommands() {
	}

	sealed interface Command permits Link, Unlink {
	}

	record Link(String code) implements Command {
	}

	record Unlink() implements Command {
	}

	static Optional<Command> parse(String text) {
		if (text == null) {
			return Optional.empty();
		}
		if (UNLINK.matcher(text).matches()) {
			return Optional.of(new Unlink());
		}
		Matcher link = LINK.matcher(text);
		if (!link.matches()) {
			return Optional.empty();
		}
		String code = withoutFinalStop(link.group(1).strip());
		return StaffLinking.looksLikeCode(code) ? Optional.of(new Link(code)) : Optional.empty();
	}

	private static String withoutFinalStop(String text) {
		int end = text.length();
		while (end > 0 && (text.charAt(end - 1) == '.' || text.charAt(end - 1) == '!')) {
			end--;
		}
		return text.substring(0, end).strip();
	}

}
