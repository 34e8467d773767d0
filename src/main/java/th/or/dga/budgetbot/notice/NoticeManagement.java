package th.or.dga.budgetbot.notice;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import th.or.dga.budgetbot.admin.AdminToken;
import th.or.dga.budgetbot.hashing.Sha256;
import th.or.dga.budgetbot.line.LineMessaging;
import th.or.dga.budgetbot.notice.NoticeProblems.IdempotencyKeyMissing;
import th.or.dga.budgetbot.notice.NoticeProblems.IdempotencyKeyReused;
import th.or.dga.budgetbot.notice.NoticeProblems.InvalidNotice;
import th.or.dga.budgetbot.notice.NoticeProblems.NoticeNotFound;
import th.or.dga.budgetbot.notice.NoticeProblems.NoticeStatusConflict;
import th.or.dga.budgetbot.notice.NoticeProblems.OverQuota;
import th.or.dga.budgetbot.notice.NoticeProblems.OwnNoticeApproval;

/**
 * Creating, approving, cancelling and looking up notices. A request is checked in full
 * before anything is stored; an accepted notice is in Redis before the caller hears of it,
 * and starts at once, at its time, at the end of quiet hours, or once a second admin approved
 * it.
 */
public class NoticeManagement {

	private static final Pattern USER_ID = Pattern.compile("U[0-9a-f]{32}");

	private static final int MAX_IDEMPOTENCY_KEY = 200;

	private static final int MAX_CODE = 200;

	/** A scheduled time further ahead than this is more likely a typo than a plan. */
	private static final java.time.Duration MAX_AHEAD = java.time.Duration.ofDays(366);

	private final Notices notices;

	private final Audiences audiences;

	private final NoticeDispatch dispatch;

	private final NoticeSchedule schedule;

	private final LineMessaging line;

	private final NoticesProperties properties;

	private final QuietHours quietHours;

	private final Clock clock;

	private final ObjectMapper canonical;

	NoticeManagement(Notices notices, Audiences audiences, NoticeDispatch dispatch, NoticeSchedule schedule,
			LineMessaging line, NoticesProperties properties, Clock clock, ObjectMapper json) {
		this.notices = notices;
		this.audiences = audiences;
		this.dispatch = dispatch;
		this.schedule = schedule;
		this.line = line;
		this.properties = properties;
		this.quietHours = QuietHours.parse(properties.quietHours(), properties.zone());
		this.clock = clock;
		this.canonical = json.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
	}

	/** What a dry run tells: who and how much, nothing stored or sent. */
	public record DryRun(long recipients, int batches, String endpoint, NoticeProgress.Skipped skipped, long cost,
			Quota quota, boolean needsApproval, Instant startAt, boolean deferredByQuietHours) {
	}

	/** The month's quota at LINE, or why it is not known. */
	public record Quota(boolean known, boolean limited, long limit, long used, long remaining, boolean enough) {
	}

	/** The outcome of a create: the notice, and whether this request created it. */
	public record Submitted(NoticeView notice, boolean created) {
	}

	/** A checked request, ready to be stored or measured. */
	private record Checked(Audience audience, JsonNode messages, Instant scheduledAt, boolean respectQuietHours,
			boolean sendOverQuota) {
	}

	public DryRun dryRun(NoticeRequest request) {
		Checked checked = check(request);
		Audiences.Resolved resolved = audiences.resolve(checked.audience());
		var batches = NoticeDispatch.batches(checked.audience().type(), resolved);
		Quota quota = quota(resolved.estimate());
		Start start = start(checked.scheduledAt(), checked.respectQuietHours());
		return new DryRun(resolved.estimate(), batches.size(), batches.get(0).endpoint().name().toLowerCase(java.util.Locale.ROOT),
				new NoticeProgress.Skipped(resolved.optedOut(), resolved.unfollowed()), resolved.estimate(), quota,
				needsApproval(checked.audience(), resolved.estimate()), start.at(), start.deferred());
	}

	public Submitted submit(NoticeRequest request, String idempotencyKey, AdminToken author) {
		if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY) {
			throw new IdempotencyKeyMissing();
		}
		String keyHash = Sha256.hex(idempotencyKey);
		String requestHash = Sha256.hex(canonicalJson(request));
		Optional<Submitted> known = knownSubmission(keyHash, requestHash);
		if (known.isPresent()) {
			return known.get();
		}
		Checked checked = check(request);
		Audiences.Resolved resolved = audiences.resolve(checked.audience());
		if (!checked.sendOverQuota()) {
			Quota quota = quota(resolved.estimate());
			if (quota.known() && !quota.enough()) {
				throw new OverQuota(resolved.estimate(), quota.remaining());
			}
		}
		Notice notice = new Notice(UUID.randomUUID().toString(), author.name() + " (" + author.id() + ")", author.id(),
				clock.instant(), checked.audience(), checked.messages(), checked.scheduledAt(), checked.respectQuietHours(),
				"notice");
		boolean approval = needsApproval(checked.audience(), resolved.estimate());
		Start start = start(checked.scheduledAt(), checked.respectQuietHours());
		Notices.Created created = notices.create(notice, approval ? NoticeStatus.AWAITING_APPROVAL : NoticeStatus.SCHEDULED,
				start.at(), start.deferred(), resolved.estimate(), keyHash, properties.idempotencyRetention(), requestHash);
		if (!created.isNew()) {
			return existing(created, requestHash);
		}
		if (!approval) {
			launch(notice.id(), start.at(), resolved);
		}
		return new Submitted(view(notice.id()), true);
	}

	/**
	 * Creates an alert: a notice whose id is derived from what it is about, so the id is its
	 * idempotency key (a second call with a known id returns that notice and sends nothing).
	 * It goes the notices' path (message rules, audience, quiet hours, retry keys, ledger)
	 * without approval: a job, not an admin, is its author.
	 *
	 * @param startAt when it should go out, or null for now
	 * @throws InvalidNotice if the messages or the audience break a rule
	 */
	public Submitted submitAlert(String id, String kind, Audience audience, JsonNode messages, boolean respectQuietHours,
			Instant startAt) {
		if (notices.find(id).isPresent()) {
			return new Submitted(view(id), false);
		}
		List<String> problems = new ArrayList<>(MessageRules.check(messages));
		if (problems.isEmpty()) {
			problems.addAll(audiences.unknown(audience));
		}
		if (!problems.isEmpty()) {
			throw new InvalidNotice(problems);
		}
		Audiences.Resolved resolved = audiences.resolve(audience);
		Notice notice = new Notice(id, "alert", "alert", clock.instant(), audience, messages, startAt, respectQuietHours,
				kind);
		Start start = start(startAt, respectQuietHours);
		Notices.Created created = notices.create(notice, NoticeStatus.SCHEDULED, start.at(), start.deferred(),
				resolved.estimate(), null, properties.idempotencyRetention(), null);
		if (created.isNew()) {
			launch(id, start.at(), resolved);
		}
		return new Submitted(view(id), created.isNew());
	}

	private Optional<Submitted> knownSubmission(String keyHash, String requestHash) {
		return notices.idempotent(keyHash).map(created -> existing(created, requestHash));
	}

	private Submitted existing(Notices.Created created, String requestHash) {
		if (!requestHash.equals(created.requestHash())) {
			throw new IdempotencyKeyReused(created.id());
		}
		return new Submitted(view(created.id()), false);
	}

	public NoticeView approve(String id, AdminToken approver) {
		Notice notice = notices.find(id).orElseThrow(() -> new NoticeNotFound(id));
		if (approver.id().equals(notice.authorTokenId())) {
			throw new OwnNoticeApproval();
		}
		Start start = start(notice.scheduledAt(), notice.respectQuietHours());
		boolean moved = notices.transition(id, Set.of(NoticeStatus.AWAITING_APPROVAL), NoticeStatus.SCHEDULED, start.at(),
				Map.of("approvedBy", approver.name() + " (" + approver.id() + ")", "approvedAt", clock.instant().toString(),
						"deferred", String.valueOf(start.deferred())));
		if (!moved) {
			throw new NoticeStatusConflict(id, status(id), "only a notice awaiting approval can be approved");
		}
		launch(id, start.at(), null);
		return view(id);
	}

	public NoticeView cancel(String id, AdminToken who) {
		notices.find(id).orElseThrow(() -> new NoticeNotFound(id));
		boolean moved = notices.transition(id, Set.of(NoticeStatus.SCHEDULED, NoticeStatus.AWAITING_APPROVAL),
				NoticeStatus.CANCELLED, null,
				Map.of("cancelledBy", who.name() + " (" + who.id() + ")", "cancelledAt", clock.instant().toString()));
		if (!moved) {
			throw new NoticeStatusConflict(id, status(id), "it has started or ended and can no longer be cancelled");
		}
		schedule.unschedule(id);
		notices.forgetNamedUsers(id);
		return view(id);
	}

	/** What LINE said to a test send of the notice to one officer. */
	public record TestSend(String userId, boolean sent, int status, String requestId, String message) {
	}

	/** Sends the notice to one officer now, to see it on a phone; it is not counted in the notice. */
	public TestSend test(String id, String userId) throws InterruptedException {
		Notice notice = notices.find(id).orElseThrow(() -> new NoticeNotFound(id));
		if (userId == null || !USER_ID.matcher(userId).matches()) {
			throw new InvalidNotice(List.of("userId: must be a LINE user id, U followed by 32 hex digits"));
		}
		var body = canonical.createObjectNode().put("to", userId);
		body.set("messages", notice.messages());
		byte[] bytes;
		try {
			bytes = canonical.writeValueAsBytes(body);
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
		var outcome = line.send(LineMessaging.Endpoint.PUSH, UUID.randomUUID(), bytes);
		return new TestSend(userId, outcome.result().sent(), outcome.status(), outcome.requestId(), outcome.message());
	}

	public NoticeView view(String id) {
		Notice notice = notices.find(id).orElseThrow(() -> new NoticeNotFound(id));
		NoticeProgress progress = notices.progress(id).orElseThrow(() -> new NoticeNotFound(id));
		return NoticeView.of(notice, progress);
	}

	/** A page of notices, newest first, optionally of one status and created between two times. */
	public List<NoticeView> list(NoticeStatus status, Instant from, Instant to, int page, int size) {
		List<NoticeView> result = new ArrayList<>();
		long skip = (long) page * size;
		long offset = 0;
		int chunk = Math.max(size, 100);
		while (result.size() < size) {
			List<String> ids = notices.idsNewestFirst(from, to, offset, chunk);
			if (ids.isEmpty()) {
				break;
			}
			offset += ids.size();
			for (String id : ids) {
				Optional<NoticeView> view = notices.find(id).flatMap(n -> notices.progress(id).map(p -> NoticeView.of(n, p)));
				if (view.isEmpty() || (status != null && view.get().status() != status)) {
					continue;
				}
				if (skip > 0) {
					skip--;
					continue;
				}
				if (result.size() < size) {
					result.add(view.get());
				}
			}
		}
		return result;
	}

	/** What became of the notice for one officer, from the delivery ledger. */
	public record Recipient(String noticeId, String userId, String status, Instant at) {
	}

	public Recipient recipient(String id, String userId) {
		NoticeView notice = view(id);
		if (userId == null || !USER_ID.matcher(userId).matches()) {
			throw new InvalidNotice(List.of("userId: must be a LINE user id, U followed by 32 hex digits"));
		}
		var entry = notices.ledger(id, userId);
		if (entry.isPresent()) {
			return new Recipient(id, userId, entry.get().get("status"), Instant.parse(entry.get().get("at")));
		}
		String status = !notice.status().finished() ? "NOT_SENT_YET"
				: notice.startedAt() != null && !notices.ledgerKept(id) ? "NO_LONGER_KEPT" : "NOT_A_RECIPIENT";
		return new Recipient(id, userId, status, null);
	}

	/**
	 * When something asked to go out at {@code at} would start, quiet hours kept or not: for a
	 * job that must know whether deferral would make it too late.
	 */
	public Instant startAt(Instant at, boolean respectQuietHours) {
		return start(at, respectQuietHours).at();
	}

	/** At start: every scheduled notice gets its trigger back, and those that came due while down start. */
	void resumeScheduled() {
		schedule.sweep();
	}

	/** @param resolved the audience as resolved for the submission just now, or null if it is to be resolved at the start */
	private void launch(String id, Instant startAt, Audiences.Resolved resolved) {
		if (!startAt.isAfter(clock.instant())) {
			dispatch.start(id, resolved);
		}
		else {
			schedule.schedule(id, startAt);
		}
	}

	private record Start(Instant at, boolean deferred) {
	}

	private Start start(Instant scheduledAt, boolean respectQuietHours) {
		Instant now = clock.instant();
		Instant at = scheduledAt == null || scheduledAt.isBefore(now) ? now : scheduledAt;
		if (respectQuietHours) {
			Optional<Instant> end = quietHours.endIfInside(at);
			if (end.isPresent()) {
				return new Start(end.get(), true);
			}
		}
		return new Start(at, false);
	}

	private boolean needsApproval(Audience audience, long recipients) {
		return audience.type() == AudienceType.ALL || recipients > properties.approvalThreshold();
	}

	private Quota quota(long cost) {
		return line.quota()
			.map(q -> new Quota(true, q.limited(), q.limit(), q.used(), q.limited() ? q.remaining() : -1,
					!q.limited() || q.remaining() >= cost))
			.orElse(new Quota(false, false, 0, 0, -1, true));
	}

	private NoticeStatus status(String id) {
		return notices.progress(id).map(NoticeProgress::status).orElseThrow(() -> new NoticeNotFound(id));
	}

	private String canonicalJson(NoticeRequest request) {
		try {
			return canonical.writeValueAsString(canonical.valueToTree(request));
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
	}

	/** Every rule of a notice request, all problems at once, each naming its field. */
	private Checked check(NoticeRequest request) {
		List<String> problems = new ArrayList<>();
		Audience audience = audience(request.audience(), problems);
		problems.addAll(MessageRules.check(request.messages()));
		Instant scheduledAt = null;
		if (request.scheduledAt() != null) {
			scheduledAt = request.scheduledAt().toInstant();
			Instant now = clock.instant();
			if (!scheduledAt.isAfter(now)) {
				problems.add("scheduledAt: must be in the future (now is " + now + "); leave it out to send now");
			}
			else if (scheduledAt.isAfter(now.plus(MAX_AHEAD))) {
				problems.add("scheduledAt: at most a year ahead");
			}
		}
		if (request.overQuota() != null && !request.overQuota().equals("send")) {
			problems.add("overQuota: the only value is \"send\"");
		}
		if (audience != null && problems.isEmpty()) {
			problems.addAll(audiences.unknown(audience));
		}
		if (!problems.isEmpty()) {
			throw new InvalidNotice(problems);
		}
		return new Checked(audience, request.messages(), scheduledAt,
				request.respectQuietHours() == null || request.respectQuietHours(), "send".equals(request.overQuota()));
	}

	private Audience audience(NoticeRequest.AudienceRequest request, List<String> problems) {
		if (request == null || request.type() == null) {
			problems.add("audience.type: required, one of all, agencies, ministries, users");
			return null;
		}
		AudienceType type;
		try {
			type = AudienceType.of(request.type());
		}
		catch (IllegalArgumentException e) {
			problems.add("audience.type: must be one of all, agencies, ministries, users");
			return null;
		}
		List<String> codes = request.codes() == null ? List.of() : request.codes();
		List<String> userIds = request.userIds() == null ? List.of() : request.userIds();
		switch (type) {
			case ALL -> {
				if (!codes.isEmpty() || !userIds.isEmpty()) {
					problems.add("audience: 'all' takes neither codes nor userIds");
				}
			}
			case AGENCIES, MINISTRIES -> {
				if (codes.isEmpty() || codes.size() > properties.maxCodes()) {
					problems.add("audience.codes: 1 to " + properties.maxCodes() + " " + type.json() + " codes");
				}
				for (int i = 0; i < codes.size() && i < properties.maxCodes(); i++) {
					if (codes.get(i) == null || codes.get(i).isBlank() || codes.get(i).length() > MAX_CODE) {
						problems.add("audience.codes[" + i + "]: required, at most " + MAX_CODE + " characters");
					}
				}
				if (!userIds.isEmpty()) {
					problems.add("audience.userIds: only for type 'users'");
				}
			}
			case USERS -> {
				if (userIds.isEmpty() || userIds.size() > properties.maxUserIds()) {
					problems.add("audience.userIds: 1 to " + properties.maxUserIds() + " LINE user ids");
				}
				int reported = 0;
				for (int i = 0; i < userIds.size() && reported < 20; i++) {
					if (userIds.get(i) == null || !USER_ID.matcher(userIds.get(i)).matches()) {
						problems.add("audience.userIds[" + i + "]: must be a LINE user id, U followed by 32 hex digits");
						reported++;
					}
				}
				if (!codes.isEmpty()) {
					problems.add("audience.codes: not for type 'users'");
				}
			}
		}
		return problems.isEmpty() ? new Audience(type, codes.stream().map(String::strip).toList(),
				userIds.stream().distinct().toList()) : null;
	}


}
