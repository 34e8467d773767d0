package th.or.dga.budgetbot.notice;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import th.or.dga.budgetbot.agency.Agency;
import th.or.dga.budgetbot.agency.AgencyDirectory;
import th.or.dga.budgetbot.line.Followers;
import th.or.dga.budgetbot.notice.Notices.Skip;

/**
 * Turns an audience into LINE users: the linked staff of agencies (a ministry is all its
 * agencies), or the named users, less those who opted out or unfollowed the account. Sorted,
 * so that the same audience always makes the same batches.
 */
class Audiences {

	private final AgencyDirectory agencies;

	private final Followers followers;

	private final OptOuts optOuts;

	Audiences(AgencyDirectory agencies, Followers followers, OptOuts optOuts) {
		this.agencies = agencies;
		this.followers = followers;
		this.optOuts = optOuts;
	}

	/**
	 * Who a notice goes to.
	 *
	 * @param recipients the users to send to, sorted (empty for {@code all})
	 * @param estimate how many it reaches: the recipients, or for {@code all} the known followers
	 */
	record Resolved(List<String> recipients, Map<String, Skip> skipped, long optedOut, long unfollowed, long estimate) {
	}

	/** Agency codes and ministry names the audience names that do not exist, as problems naming the field. */
	List<String> unknown(Audience audience) {
		List<String> problems = new ArrayList<>();
		List<String> codes = audience.codes();
		if (audience.type() == AudienceType.AGENCIES) {
			for (int i = 0; i < codes.size(); i++) {
				if (agencies.agency(codes.get(i).strip().toUpperCase(java.util.Locale.ROOT)).isEmpty()) {
					problems.add("audience.codes[" + i + "]: no agency with code '" + codes.get(i) + "'");
				}
			}
		}
		else if (audience.type() == AudienceType.MINISTRIES) {
			Set<String> ministries = ministries();
			for (int i = 0; i < codes.size(); i++) {
				if (!ministries.contains(normalize(codes.get(i)))) {
					problems.add("audience.codes[" + i + "]: no agency belongs to a ministry named '" + codes.get(i) + "'");
				}
			}
		}
		return problems;
	}

	/** The ministries the agencies belong to, by name. */
	Set<String> ministries() {
		Set<String> names = new TreeSet<>();
		for (Agency agency : agencies.agencies()) {
			if (agency.ministry() != null && !agency.ministry().isBlank()) {
				names.add(normalize(agency.ministry()));
			}
		}
		return names;
	}

	Resolved resolve(Audience audience) {
		if (audience.type() == AudienceType.ALL) {
			return new Resolved(List.of(), Map.of(), 0, 0, followers.count());
		}
		Set<String> users = new TreeSet<>(switch (audience.type()) {
			case USERS -> audience.userIds();
			case AGENCIES -> staff(audience.codes().stream().map(c -> c.strip().toUpperCase(java.util.Locale.ROOT)).toList());
			case MINISTRIES -> {
				Set<String> wanted = new TreeSet<>(audience.codes().stream().map(Audiences::normalize).toList());
				yield staff(agencies.agencies()
					.stream()
					.filter(a -> a.ministry() != null && wanted.contains(normalize(a.ministry())))
					.map(Agency::code)
					.toList());
			}
			default -> throw new IllegalStateException(audience.type().name());
		});
		Set<String> unfollowed = followers.unfollowedAmong(users);
		Set<String> optedOut = optOuts.optedOutAmong(users);
		Map<String, Skip> skipped = new TreeMap<>();
		List<String> recipients = new ArrayList<>(users.size());
		for (String user : users) {
			if (unfollowed.contains(user)) {
				skipped.put(user, Skip.SKIPPED_UNFOLLOWED);
			}
			else if (optedOut.contains(user)) {
				skipped.put(user, Skip.SKIPPED_OPTED_OUT);
			}
			else {
				recipients.add(user);
			}
		}
		long optedOutCount = skipped.values().stream().filter(s -> s == Skip.SKIPPED_OPTED_OUT).count();
		return new Resolved(recipients, skipped, optedOutCount, skipped.size() - optedOutCount, recipients.size());
	}

	private Set<String> staff(List<String> codes) {
		Set<String> users = new TreeSet<>();
		codes.forEach(code -> users.addAll(agencies.staff(code)));
		return users;
	}

	private static String normalize(String ministry) {
		return Normalizer.normalize(ministry.strip(), Normalizer.Form.NFC);
	}

}
