package th.or.dga.budgetbot.alert;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerKey;

import th.or.dga.budgetbot.notice.QuartzTimes;

/**
 * A Quartz trigger per agency with an open allocation window, at its end. Quartz fires on real
 * time and the window is the application clock's, so the fire time is real now plus what is
 * left of the window by the clock (as the notices' schedule does), and the job checks the clock
 * again when it runs.
 */
class AllocationTriggers {

	static final String GROUP = "alerts";

	private final Scheduler scheduler;

	private final Clock clock;

	AllocationTriggers(Scheduler scheduler, Clock clock) {
		this.scheduler = scheduler;
		this.clock = clock;
	}

	/** Fires {@link AllocationAlertJob} for the agency at {@code windowEnd} (at once if that has passed). */
	void schedule(String agency, Instant windowEnd) {
		// Safe to run twice, here or on another node: taking the allocations is atomic.
		QuartzTimes.scheduleOnce(scheduler, clock, jobKey(agency), AllocationAlertJob.class, Map.of(AllocationAlertJob.AGENCY, agency),
				windowEnd);
	}

	boolean scheduled(String agency) throws SchedulerException {
		return scheduler.checkExists(triggerKey(agency));
	}

	private static JobKey jobKey(String agency) {
		return JobKey.jobKey("allocation:" + agency, GROUP);
	}

	private static TriggerKey triggerKey(String agency) {
		return TriggerKey.triggerKey("allocation:" + agency, GROUP);
	}

}
