package th.or.dga.budgetbot.notice;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A notice as the admin API shows it: what was asked and how far it got. Named users are
 * shown as a count: who got it is the ledger's to say, one officer at a time.
 */
public record NoticeView(String id, String kind, NoticeStatus status, String author, Instant createdAt,
		AudienceView audience, JsonNode messages, Instant scheduledAt, boolean respectQuietHours, Instant startAt,
		boolean deferredByQuietHours, long recipients, long batches, long sent, long failed, NoticeProgress.Skipped skipped,
		long retries, Instant startedAt, Instant finishedAt, String approvedBy, Instant approvedAt, String cancelledBy,
		Instant cancelledAt, List<NoticeProgress.Failure> failures) {

	/** The audience: its type, the agency or ministry codes, and how many users were named. */
	public record AudienceView(AudienceType type, List<String> codes, int namedUsers) {
	}

	static NoticeView of(Notice notice, NoticeProgress progress) {
		Audience audience = notice.audience();
		return new NoticeView(notice.id(), notice.kind(), progress.status(), notice.author(), notice.createdAt(),
				new AudienceView(audience.type(), audience.codes(), audience.userIds().size()), notice.messages(),
				notice.scheduledAt(), notice.respectQuietHours(), progress.startAt(), progress.deferredByQuietHours(),
				progress.recipients(), progress.batches(), progress.sent(), progress.failed(), progress.skipped(),
				progress.retries(), progress.startedAt(), progress.finishedAt(), progress.approvedBy(), progress.approvedAt(),
				progress.cancelledBy(), progress.cancelledAt(), progress.failures());
	}

}
