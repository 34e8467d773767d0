package th.or.dga.budgetbot.notice;

import java.time.Duration;
import java.time.ZoneId;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code app.notices}.
 *
 * @param approvalThreshold a notice to more recipients than this (or to all) waits for a
 *     second admin's approval
 * @param quietHours {@code HH:mm-HH:mm} in {@code zone}, or {@code off}
 * @param ledgerRetention how long the ids of the users a notice went to are kept; then only
 *     the counts remain
 * @param idempotencyRetention how long an {@code Idempotency-Key} is remembered
 * @param senders how many batches are sent at once by this instance
 * @param rates requests per endpoint, counted across every instance sharing the Redis
 * @param maxAttempts attempts of one batch before it is recorded as failed
 * @param backoff the first wait before a retry; doubled each time, with jitter, up to
 *     {@code maxBackoff}
 * @param reclaimIdle a batch taken by an instance and unfinished this long is taken over
 * @param maxUserIds at most this many user ids in a {@code users} audience
 * @param maxCodes at most this many agency or ministry codes in an audience
 */
@Validated
@ConfigurationProperties("app.notices")
public record NoticesProperties(@Min(1) long approvalThreshold, @NotBlank String quietHours, @NotNull ZoneId zone,
		@NotNull Duration ledgerRetention, @NotNull Duration idempotencyRetention, @Min(1) @Max(64) int senders,
		@Valid @NotNull Rates rates, @Min(1) @Max(100) int maxAttempts, @NotNull Duration backoff,
		@NotNull Duration maxBackoff, @NotNull Duration reclaimIdle, @NotNull Duration reclaimEvery,
		@Min(1) @Max(100_000) int maxUserIds, @Min(1) @Max(10_000) int maxCodes) {

	/**
	 * LINE's limits per channel and endpoint (a retry counts too).
	 *
	 * @param pushPerSecond push, shared with reply at LINE (2,000/s)
	 * @param multicastPerSecond multicast (200/s)
	 * @param broadcastPerHour broadcast (60/h)
	 */
	public record Rates(@Min(1) int pushPerSecond, @Min(1) int multicastPerSecond, @Min(1) int broadcastPerHour) {
	}

}
