package th.or.dga.budgetbot.alert;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Set;

import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
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
		Date fireAt = QuartzTimes.fireAt(clock, windowEnd);
		// Plain data (the agency code) for the JDBC store of the 'cluster' profile; recovered
		// elsewhere if this instance dies while it runs: taking the allocations is atomic.
		JobDetail job = JobBuilder.newJob(AllocationAlertJob.class)
			.withIdentity(jobKey(agency))
			.usingJobData(AllocationAlertJob.AGENCY, agency)
			.requestRecovery()
			.build();
		Trigger trigger = TriggerBuilder.newTrigger()
			.withIdentity(triggerKey(agency))
			.startAt(fireAt)
			.withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
			.build();
		try {
			scheduler.scheduleJob(job, Set.of(trigger), true);
		}
		catch (SchedulerException e) {
			throw new IllegalStateException("could not schedule the allocation alert of " + agency, e);
		}
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
