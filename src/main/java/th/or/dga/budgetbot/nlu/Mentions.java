package th.or.dga.budgetbot.nlu;

import java.util.List;

/**
 * Entities a message names, taken out before classification so that the classifier sees a
 * generic token and the answer sees the value.
 *
 * @param years B.E. years named in the message, in order of appearance (ปี 64, FY2021 and
 *     ๒๕๖๔ all become 2564)
 * @param committees committee numbers named in the message, such as "1.3"
 * @param requestIds budget request ids named in the message, upper case, such as "ABC-123"
 */
public record Mentions(List<Integer> years, List<String> committees, List<String> requestIds) {

	public static final Mentions NONE = new Mentions(List.of(), List.of(), List.of());

	public Mentions {
		years = List.copyOf(years);
		committees = List.copyOf(committees);
		requestIds = List.copyOf(requestIds);
	}

	/** The year the user asks about: the last one named, as officers name context first. */
	public java.util.Optional<Integer> lastYear() {
		return years.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(years.get(years.size() - 1));
	}

}
