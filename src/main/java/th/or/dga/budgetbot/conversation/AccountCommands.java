package th.or.dga.budgetbot.conversation;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two commands officers type to link their LINE account: {@code ผูกบัญชี <code>} or
 * {@code link <code>}, and {@code ยกเลิกผูกบัญชี} or {@code unlink}. These are exact syntax,
 * not questions, so they are read before classification.
 */
final class AccountCommands {

	private static final Pattern UNLINK = Pattern.compile("^\\s*(?:ยกเลิก(?:การ)?\\s*ผูก\\s*บัญชี|unlink)\\s*[.!]?\\s*$",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern LINK = Pattern.compile("^\\s*(?:ผูก\\s*บัญชี|link)\\s*[:：]?\\s*([0-9A-Za-z๐-๙][0-9A-Za-z๐-๙\\s-]{5,40})\\s*$",
			Pattern.CASE_INSENSITIVE);

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
		return link.matches() ? Optional.of(new Link(link.group(1))) : Optional.empty();
	}

}
