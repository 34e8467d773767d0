package th.or.dga.budgetbot.notice;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Set;

import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

/**
 * One-off Quartz jobs at a time of the app's clock (notices, allocation alerts, deadline
 * reminders). Quartz fires on real time, the app decides on its own {@link Clock} (a test's
 * clock can stand still or jump): a time of the app's clock becomes the real time that is as
 * far ahead, or now if it has passed. With the system clock the two are the same.
 */
public final class QuartzTimes {

	private QuartzTimes() {
	}

	static Date fireAt(Clock clock, Instant due) {
		Duration wait = Duration.between(clock.instant(), due);
		return new Date(System.currentTimeMillis() + Math.max(0, wait.toMillis()));
	}

	/**
	 * Runs the job once at {@code due} by the app's clock ({@link #fireAt}), as every one-off job
	 * of the app runs: its data plain strings, which the JDBC store of the 'cluster' profile keeps
	 * as they are; run again on another instance if this one dies while it runs (the jobs are
	 * safe to run twice); fired at once if Quartz missed the time; and replacing a job of the same
	 * key, the same thing rescheduled or already in a shared store. The trigger has the job's key.
	 */
	public static void scheduleOnce(Scheduler scheduler, Clock clock, JobKey key, Class<? extends Job> type,
			Map<String, String> data, Instant due) {
		JobDetail job = JobBuilder.newJob(type).withIdentity(key).usingJobData(new JobDataMap(data)).requestRecovery().build();
		Trigger trigger = TriggerBuilder.newTrigger()
			.withIdentity(key.getName(), key.getGroup())
			.startAt(fireAt(clock, due))
			.withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
			.build();
		try {
			scheduler.scheduleJob(job, Set.of(trigger), true);
		}
		catch (SchedulerException e) {
			throw new IllegalStateException("could not schedule job " + key, e);
		}
	}

}
