package th.or.dga.budgetbot.notice;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Quartz fires on real time, the app decides on its own {@link Clock} (a test's clock can stand
 * still or jump): a time of the app's clock becomes the real time that is as far ahead, or now
 * if it has passed. With the system clock the two are the same.
 */
public final class QuartzTimes {

	private QuartzTimes() {
	}

	public static Date fireAt(Clock clock, Instant due) {
		Duration wait = Duration.between(clock.instant(), due);
		return new Date(System.currentTimeMillis() + Math.max(0, wait.toMillis()));
	}

}
