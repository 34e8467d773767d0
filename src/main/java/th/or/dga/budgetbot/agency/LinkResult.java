package th.or.dga.budgetbot.agency;

import java.util.Optional;

/** What came of an officer sending a link code. */
public record LinkResult(Outcome outcome, Agency agency) {

	public enum Outcome {

		LINKED, WRONG_CODE, USED_CODE, EXPIRED_CODE, LOCKED

	}

	public Optional<Agency> linkedAgency() {
		return Optional.ofNullable(agency);
	}

}
