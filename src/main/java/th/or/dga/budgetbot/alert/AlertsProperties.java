package th.or.dga.budgetbot.alert;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code app.alerts}.
 *
 * @param allocationWindow allocations of one agency within this time of the first go out as one
 *     message
 * @param acknowledgeWithin an alert nobody of the agency acknowledged within this time is sent once
 *     more and listed as unacknowledged
 * @param sweepEvery how often an instance looks for alerts due a resend, allocations whose trigger
 *     is missing here (an instance died) and handed-off allocations not yet turned into a notice
 * @param respectQuietHours whether alerts wait for the end of the notices' quiet hours
 * @param retention how long an alert's acknowledgement (who, when) and the memory of an allocation
 *     already alerted are kept
 */
@Validated
@ConfigurationProperties("app.alerts")
public record AlertsProperties(@NotNull Duration allocationWindow, @NotNull Duration acknowledgeWithin,
		@NotNull Duration sweepEvery, boolean respectQuietHours, @NotNull Duration retention) {
}
