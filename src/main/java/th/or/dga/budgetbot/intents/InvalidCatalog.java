package th.or.dga.budgetbot.intents;

import java.util.List;

/** The intent files have errors; each problem names the file, the line where known, and the fix. */
public class InvalidCatalog extends RuntimeException {

	private final List<String> problems;

	public InvalidCatalog(List<String> problems) {
		super("the intent catalog has " + problems.size() + " error(s):\n  " + String.join("\n  ", problems));
		this.problems = List.copyOf(problems);
	}

	public List<String> problems() {
		return problems;
	}

}
