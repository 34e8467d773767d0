package th.or.dga.budgetbot.notice;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A notice as an admin asks for it ({@code POST /api/admin/notices}); checked in full by
 * {@link NoticeManagement} before anything is stored.
 *
 * @param overQuota {@code send} to send although the monthly quota would be exceeded
 */
public record NoticeRequest(AudienceRequest audience, JsonNode messages, OffsetDateTime scheduledAt,
		Boolean respectQuietHours, Boolean dryRun, String overQuota) {

	/** {@code type} is one of all, agencies, ministries, users. */
	public record AudienceRequest(String type, List<String> codes, List<String> userIds) {
	}

}
