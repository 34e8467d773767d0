package th.or.dga.budgetbot.queue;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Waits that double from {@code first} up to {@code max}, each drawn between half and all of
 * its step ("equal jitter"): many instances retrying after the same outage spread out rather
 * than arrive together, and no wait is shorter than half its step.
 */
public record Backoff(Duration first, Duration max) {

	public Backoff {
		if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
			throw new IllegalArgumentException("a backoff needs 0 < first <= max, not " + first + " and " + max);
		}
	}

	/** The wait before try number {@code failures + 1}, after {@code failures} (at least 1) failed. */
	public Duration after(int failures) {
		long step = first.toMillis() << Math.min(Math.max(failures, 1) - 1, 30);
		long capped = step <= 0 ? max.toMillis() : Math.min(step, max.toMillis());
		return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
	}

}
