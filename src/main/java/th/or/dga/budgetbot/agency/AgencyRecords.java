package th.or.dga.budgetbot.agency;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The agency feature's read-only face, over its own stores. */
class AgencyRecords implements AgencyDirectory {

	private final RedisAgencies agencies;

	private final RedisSubmissions submissions;

	private final StaffLinking linking;

	AgencyRecords(RedisAgencies agencies, RedisSubmissions submissions, StaffLinking linking) {
		this.agencies = agencies;
		this.submissions = submissions;
		this.linking = linking;
	}

	@Override
	public Optional<Agency> agency(String code) {
		return agencies.find(code);
	}

	@Override
	public List<Agency> agencies() {
		return agencies.all();
	}

	@Override
	public Set<String> staff(String code) {
		return linking.staffOf(code);
	}

	@Override
	public Optional<Agency> agencyOf(String userId) {
		return linking.agencyOf(userId);
	}

	@Override
	public Optional<Submission> submission(String code, String requestId) {
		return submissions.find(code, requestId);
	}

	@Override
	public List<Submission> submissions(String code) {
		return submissions.ofAgency(code);
	}

}
