package th.or.dga.budgetbot.agency;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What other features may read of agencies: the agencies, their linked staff, a user's
 * agency, an agency's budget requests. Read-only: changes go through the agency feature's
 * own API.
 */
public interface AgencyDirectory {

	Optional<Agency> agency(String code);

	List<Agency> agencies();

	/** The LINE user ids of the agency's linked staff. */
	Set<String> staff(String code);

	/** The agency the user is linked to, if any. */
	Optional<Agency> agencyOf(String userId);

	/** One of the agency's requests; another agency's request id is simply not found. */
	Optional<Submission> submission(String code, String requestId);

	/** The agency's requests, newest fiscal year first. */
	List<Submission> submissions(String code);

}
