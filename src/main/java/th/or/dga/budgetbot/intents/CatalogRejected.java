package th.or.dga.budgetbot.intents;

import java.util.List;

/** A new catalog failed the regression gate; the old one keeps serving. */
public class CatalogRejected extends RuntimeException {

	private final List<String> reasons;

	public CatalogRejected(List<String> reasons) {
		super("the new catalog was not activated: " + String.join("; ", reasons));
		this.reasons = List.copyOf(reasons);
	}

	public List<String> reasons() {
		return reasons;
	}

}
