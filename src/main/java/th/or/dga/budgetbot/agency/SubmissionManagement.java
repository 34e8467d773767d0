package th.or.dga.budgetbot.agency;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;

import th.or.dga.budgetbot.agency.AgencyProblems.AgencyNotFound;
import th.or.dga.budgetbot.agency.AgencyProblems.IllegalTransition;
import th.or.dga.budgetbot.agency.AgencyProblems.InvalidAgencyData;

/**
 * Creating and changing budget requests. Every change is checked first (agency exists,
 * amounts by {@link Baht}, legal status transition) and then written all at once: a rejected
 * change, or a rejected row of an import, leaves everything as it was. A status change is
 * recorded in the request's history and published as {@link SubmissionStatusChanged}. A stored
 * request that cannot be read is replaced by a change that gives every field, as a new one.
 */
public class SubmissionManagement {

	private static final int ATTEMPTS = 3;

	private final RedisAgencies agencies;

	private final RedisSubmissions submissions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	public SubmissionManagement(RedisAgencies agencies, RedisSubmissions submissions, ApplicationEventPublisher events,
			Clock clock) {
		this.agencies = agencies;
		this.submissions = submissions;
		this.events = events;
		this.clock = clock;
	}

	/** A change to make: the request (agency and id) and what to set. */
	public record Change(String agency, String requestId, SubmissionUpdate update) {
	}

	/**
	 * The outcome of one change: before (null if new, or if what was stored could not be read)
	 * and after.
	 *
	 * @param replacedUnreadable whether it replaced a stored request that could not be read
	 */
	public record Applied(Submission before, Submission after, boolean replacedUnreadable) {

		/** Whether there was no request under this id before. */
		public boolean created() {
			return before == null && !replacedUnreadable;
		}

	}

	public Applied put(String agency, String requestId, SubmissionUpdate update, String actor) {
		try {
			return apply(List.of(new Change(agency, requestId, update)), actor).get(0);
		}
		catch (RejectedChange rejected) {
			throw rejected.reason();
		}
	}

	/** Change number {@code index} (from 0) of a batch cannot be made; nothing of the batch was written. */
	public static class RejectedChange extends RuntimeException {

		private final int index;

		RejectedChange(int index, RuntimeException reason) {
			super(reason.getMessage(), reason);
			this.index = index;
		}

		public int index() {
			return index;
		}

		public RuntimeException reason() {
			return (RuntimeException) getCause();
		}

	}

	/**
	 * Applies all changes or none.
	 *
	 * @throws RejectedChange for the first change that cannot be made, with its index and
	 *     the reason (InvalidAgencyData, AgencyNotFound or IllegalTransition)
	 */
	public List<Applied> apply(List<Change> changes, String actor) {
		for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
			Instant now = clock.instant();
			List<RedisSubmissions.Write> writes = new ArrayList<>();
			List<Applied> applied = new ArrayList<>();
			Set<String> seen = new HashSet<>();
			Map<String, Boolean> knownAgencies = new HashMap<>();
			for (int index = 0; index < changes.size(); index++) {
				try {
					prepare(changes.get(index), actor, now, seen, knownAgencies, writes, applied);
				}
				catch (InvalidAgencyData | AgencyNotFound | IllegalTransition e) {
					throw new RejectedChange(index, e);
				}
			}
			if (submissions.replace(writes)) {
				applied.stream()
					.filter(a -> a.before() == null || a.before().status() != a.after().status())
					.forEach(a -> events.publishEvent(new SubmissionStatusChanged(a.after().agency(), a.after().requestId(),
							a.after().fiscalYear(), a.before() == null ? null : a.before().status(), a.after().status(),
							a.after().allocatedAmount(), now, actor)));
				return applied;
			}
		}
		throw new IllegalStateException("the requests kept changing while being written; try again");
	}

	private void prepare(Change change, String actor, Instant now, Set<String> seen, Map<String, Boolean> knownAgencies,
			List<RedisSubmissions.Write> writes, List<Applied> applied) {
		String agency = normalizeCode(change.agency());
		String requestId = normalizeRequestId(change.requestId());
		if (!seen.add(agency + "/" + requestId)) {
			throw new InvalidAgencyData("requestId: " + requestId + " of " + agency + " appears twice; give each request once");
		}
		if (!knownAgencies.computeIfAbsent(agency, a -> agencies.find(a).isPresent())) {
			throw new AgencyNotFound(agency);
		}
		RedisSubmissions.Stored stored = submissions.stored(agency, requestId);
		Submission after = next(agency, requestId, stored.submission(), change.update(), actor, now);
		applied.add(new Applied(stored.submission(), after, stored.unreadable()));
		writes.add(new RedisSubmissions.Write(stored, after));
	}

	private static Submission next(String agency, String requestId, Submission before, SubmissionUpdate update, String actor,
			Instant now) {
		int fiscalYear = update.fiscalYear() != null ? update.fiscalYear() : before != null ? before.fiscalYear() : 0;
		if (fiscalYear < 2500 || fiscalYear > 2700) {
			throw new InvalidAgencyData("fiscalYear: must be a B.E. year such as 2565 (request " + requestId + ")");
		}
		String title = update.title() != null ? update.title().strip() : before != null ? before.title() : "";
		if (title.isEmpty() || title.length() > 300) {
			throw new InvalidAgencyData("title: is required, at most 300 characters (request " + requestId + ")");
		}
		BigDecimal amount = Baht.check("amountRequested",
				update.amountRequested() != null ? update.amountRequested() : before != null ? before.amountRequested() : null);
		if (amount == null) {
			throw new InvalidAgencyData("amountRequested: is required; it " + Baht.RULE + " (request " + requestId + ")");
		}
		SubmissionStatus status = update.status() != null ? update.status() : before != null ? before.status() : SubmissionStatus.DRAFT;
		if (before != null && status != before.status() && !before.status().canMoveTo(status)) {
			throw new IllegalTransition(requestId, before.status(), status);
		}
		BigDecimal allocated = Baht.check("allocatedAmount",
				update.allocatedAmount() != null ? update.allocatedAmount() : before != null ? before.allocatedAmount() : null);
		if (status == SubmissionStatus.ALLOCATED && allocated == null) {
			throw new InvalidAgencyData("allocatedAmount: is required for an ALLOCATED request (request " + requestId + ")");
		}
		if (status != SubmissionStatus.ALLOCATED && allocated != null) {
			throw new InvalidAgencyData("allocatedAmount: is only for an ALLOCATED request (request " + requestId + ")");
		}
		List<StatusChange> history = new ArrayList<>(before == null ? List.of() : before.history());
		if (before == null || before.status() != status) {
			history.add(new StatusChange(before == null ? null : before.status(), status, now, actor));
		}
		return new Submission(requestId, agency, fiscalYear, title, amount, status, allocated, history);
	}

	public static String normalizeCode(String code) {
		String normalized = code == null ? "" : code.strip().toUpperCase(java.util.Locale.ROOT);
		if (!normalized.matches("[A-Z0-9]+(?:-[A-Z0-9]+)*") || normalized.length() > 30) {
			throw new InvalidAgencyData("agency: '" + code + "' must be letters, digits and dashes, at most 30, e.g. MOF-CGD");
		}
		return normalized;
	}

	public static String normalizeRequestId(String requestId) {
		String normalized = requestId == null ? "" : requestId.strip().toUpperCase(java.util.Locale.ROOT);
		if (!normalized.matches("[A-Z0-9]+(?:-[A-Z0-9]+)*") || normalized.length() > 40) {
			throw new InvalidAgencyData("requestId: '" + requestId + "' must be letters, digits and dashes, at most 40, e.g. ABC-123");
		}
		return normalized;
	}

}
