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
 * @param workers how many events are worked on at once
 * @param dedupTtl how long a webhookEventId is remembered (LINE redelivers within minutes)
 * @param replyTimeout how long a reply to LINE may take before it is given up
 * @param reclaimIdle an event another consumer took and left unfinished this long (its instance
 *     died) is taken over, so that accepted work is not lost
 * @param reclaimEvery how often to look for such events
 * @param maxWebhookBytes the largest webhook body read (413 past it); LINE's bodies are a few
 *     kilobytes, and the signature can only be checked after the whole body is in memory
 */
@Validated
@ConfigurationProperties("app.line")
public record LineProperties(boolean localMode, @NotBlank String instanceId, @Min(1) @Max(64) int workers,
		@NotNull Duration dedupTtl, @NotNull Duration replyTimeout, @NotNull Duration reclaimIdle,
		@NotNull Duration reclaimEvery, @NotNull DataSize maxWebhookBytes) {

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
