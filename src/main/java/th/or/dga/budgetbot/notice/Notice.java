package th.or.dga.budgetbot.notice;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What was asked to be sent, to whom and when: the part of a notice that does not change once
 * it is accepted (its progress is {@link NoticeProgress}).
 *
 * @param id the notice's id; for an alert, derived from what it is about
 * @param author who created it (token name and id), or the job for an alert
 * @param authorTokenId the author's token id, so the author cannot approve their own notice
 * @param messages the LINE message objects, as validated
 * @param scheduledAt when it was asked to go out, null for now
 * @param respectQuietHours whether a start inside quiet hours waits for their end
 * @param kind {@code notice} or the kind of alert
 */
public record Notice(String id, String author, String authorTokenId, Instant createdAt, Audience audience, JsonNode messages,
		Instant scheduledAt, boolean respectQuietHours, String kind) {
}
