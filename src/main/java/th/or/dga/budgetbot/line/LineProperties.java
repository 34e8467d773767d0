package th.or.dga.budgetbot.line;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code app.line}.
 *
 * @param localMode set by {@link LocalModeEnvironmentPostProcessor}: true only with the {@code local} profile
 * @param instanceId names this instance's inbox consumers, so that after a restart it takes
 *     back the events it had accepted but not finished
 * @param workers how many events this instance works on at once (different chats; one chat's
 *     events go one at a time)
 * @param dedupTtl how long a webhookEventId is remembered (LINE redelivers within minutes)
 * @param replyTimeout how long a call to LINE may take before its outcome counts as unknown
 * @param maxWebhookBytes the largest webhook body read (413 past it); LINE's bodies are a few
 *     kilobytes, and the signature can only be checked after the whole body is in memory
 * @param maxWebhookEvents the most events one webhook may carry (400 past it); LINE sends a few
 * @param replyRetryWindow a reply is tried (and retried) while now is before the event's
 *     timestamp (or its arrival, if later) plus this; after it the reply token is taken for expired
 * @param pushFallback answer by push an event whose reply token expired before any attempt
 *     reached LINE (pushes cost quota)
 * @param maxTries tries of an event that fails for a reason that is not LINE's answer (a bug,
 *     an unreadable event) before it goes to the dead letters
 * @param inboxMaxDepth past this many events waiting, the webhook answers 503 (LINE sends it
 *     again later) rather than take more; nothing is ever trimmed
 * @param partitionLease how long an instance holds an inbox partition without renewing: an
 *     instance that dies has its partitions (and their unfinished events) taken over after this
 * @param retryBackoff the first wait before an event is tried again; doubled each time, with
 *     jitter, up to {@code maxRetryBackoff}
 * @param deadLetterCap the most dead letters kept; the oldest go first, counted
 * @param deadLetterRetention how long a dead letter is kept
 */
@Validated
@ConfigurationProperties("app.line")
public record LineProperties(boolean localMode, @NotBlank String instanceId, @Min(1) @Max(64) int workers,
		@NotNull Duration dedupTtl, @NotNull Duration replyTimeout, @NotNull DataSize maxWebhookBytes,
		@Min(1) @Max(1000) int maxWebhookEvents, @NotNull Duration replyRetryWindow, boolean pushFallback,
		@Min(1) @Max(100) int maxTries, @Min(1) long inboxMaxDepth, @NotNull Duration partitionLease,
		@NotNull Duration retryBackoff, @NotNull Duration maxRetryBackoff, @Min(1) @Max(1_000_000) int deadLetterCap,
		@NotNull Duration deadLetterRetention) {

	/** The body is held in one array, and a limit beyond a few megabytes is no limit. */
	private static final DataSize LARGEST_WEBHOOK_LIMIT = DataSize.ofMegabytes(16);

	public LineProperties {
		if (maxWebhookBytes != null && (maxWebhookBytes.toBytes() < 1
				|| maxWebhookBytes.compareTo(LARGEST_WEBHOOK_LIMIT) > 0)) {
			throw new IllegalArgumentException("app.line.max-webhook-bytes must be between 1B and 16MB, was " + maxWebhookBytes);
		}
	}

	int maxWebhookBytesAsInt() {
		return (int) maxWebhookBytes.toBytes();
	}

}
