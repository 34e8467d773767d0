package th.or.dga.budgetbot.notice;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import th.or.dga.budgetbot.notice.Notices.Batch;
import th.or.dga.budgetbot.notice.Notices.LineEndpoint;

/**
 * Starts a notice whose time has come: resolves its audience now (staff linked or opted out
 * since it was written count as they are now), cuts it into batches of at most 500 with a
 * retry key each, and hands them to the outbox, all at once. Safe to call twice, or on two
 * instances: only the one that moves the notice out of SCHEDULED writes anything.
 */
class NoticeDispatch {

	private static final Logger log = LoggerFactory.getLogger(NoticeDispatch.class);

	static final int MULTICAST_MAX = 500;

	private final Notices notices;

	private final Audiences audiences;

	private final Clock clock;

	NoticeDispatch(Notices notices, Audiences audiences, Clock clock) {
		this.notices = notices;
		this.audiences = audiences;
		this.clock = clock;
	}

	/** Returns whether this call started the notice. */
	boolean start(String id) {
		return start(id, null);
	}

	/**
	 * As {@link #start(String)}, with the audience as the caller resolved it a moment ago, for a
	 * notice that starts as it is submitted: resolving 100,000 staff again would cost as much as
	 * sending to them, and tell nothing new.
	 *
	 * @param resolvedJustNow the audience resolved for this notice's submission, or null to resolve it now
	 */
	boolean start(String id, Audiences.Resolved resolvedJustNow) {
		var notice = notices.find(id);
		var progress = notices.progress(id);
		if (notice.isEmpty() || progress.isEmpty() || progress.get().status() != NoticeStatus.SCHEDULED) {
			return false;
		}
		Instant now = clock.instant();
		Audiences.Resolved resolved = resolvedJustNow != null ? resolvedJustNow : audiences.resolve(notice.get().audience());
		if (notice.get().audience().type() != AudienceType.ALL && resolved.recipients().isEmpty()) {
			boolean finished = notices.finishEmpty(id, resolved.optedOut(), resolved.unfollowed(), resolved.skipped(), now);
			if (finished) {
				log.info("Notice {} had nobody to send to ({} skipped)", id, resolved.skipped().size());
			}
			return finished;
		}
		List<Batch> batches = batches(notice.get().audience().type(), resolved);
		boolean started = notices.start(id, batches, resolved.skipped(), resolved.estimate(), resolved.optedOut(),
				resolved.unfollowed(), now, NoticeSender.OUTBOX);
		if (started) {
			log.info("Notice {} started: {} recipient(s) in {} batch(es), {} skipped", id, resolved.estimate(), batches.size(),
					resolved.skipped().size());
		}
		return started;
	}

	static List<Batch> batches(AudienceType type, Audiences.Resolved resolved) {
		if (type == AudienceType.ALL) {
			return List.of(new Batch(0, LineEndpoint.BROADCAST, List.of(), resolved.estimate(), UUID.randomUUID().toString()));
		}
		List<String> recipients = resolved.recipients();
		if (recipients.size() == 1) {
			return List.of(new Batch(0, LineEndpoint.PUSH, recipients, 1, UUID.randomUUID().toString()));
		}
		List<Batch> batches = new ArrayList<>();
		for (int from = 0, n = 0; from < recipients.size(); from += MULTICAST_MAX, n++) {
			List<String> part = List.copyOf(recipients.subList(from, Math.min(recipients.size(), from + MULTICAST_MAX)));
			batches.add(new Batch(n, LineEndpoint.MULTICAST, part, part.size(), UUID.randomUUID().toString()));
		}
		return batches;
	}

}
