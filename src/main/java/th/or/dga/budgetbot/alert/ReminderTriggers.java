package th.or.dga.budgetbot.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.matchers.GroupMatcher;

import th.or.dga.budgetbot.notice.QuartzTimes;

/**
 * A Quartz trigger per deadline reminder, {@code deadline:<year>:<offset>} in the alerts' group,
 * at the reminder's time by the application clock (real now plus what is left by the clock, as
 * the notices' schedule does). A misfired trigger fires at once: the job checks again whether
 * the reminder is still due, so firing late is never wrong, only possibly a skip.
 */
class ReminderTriggers {

	private static final String PREFIX = DeadlineReminders.KIND + ":";

	private final Scheduler scheduler;

	private final Clock clock;

	ReminderTriggers(Scheduler scheduler, Clock clock) {
		this.scheduler = scheduler;
		this.clock = clock;
	}

	void schedule(Reminder reminder, Instant due) {
		// Safe to run twice, here or on another node: the notice's derived id makes the second run send nothing.
		QuartzTimes.scheduleOnce(scheduler, clock, jobKey(reminder), DeadlineReminderJob.class,
				Map.of(DeadlineReminderJob.YEAR, Integer.toString(reminder.year()), DeadlineReminderJob.OFFSET, reminder.offsetText(),
						DeadlineReminderJob.DUE, Long.toString(due.toEpochMilli())),
				due);
	}

	void unschedule(Reminder reminder) {
		try {
			scheduler.deleteJob(jobKey(reminder));
		}
		catch (SchedulerException e) {
			throw new IllegalStateException("could not remove the trigger of reminder " + reminder.id(), e);
		}
	}

	/** The reminders that have a trigger, with the time each was scheduled for. */
	Map<Reminder, Instant> scheduled() {
		Map<Reminder, Instant> result = new HashMap<>();
		try {
			for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(AllocationTriggers.GROUP))) {
				if (!key.getName().startsWith(PREFIX)) {
					continue;
				}
				JobDetail job = scheduler.getJobDetail(key);
				if (job == null) {
					continue;
				}
				var data = job.getJobDataMap();
				Reminder reminder = new Reminder(Integer.parseInt(data.getString(DeadlineReminderJob.YEAR)),
						Duration.parse(data.getString(DeadlineReminderJob.OFFSET)));
				result.put(reminder, Instant.ofEpochMilli(Long.parseLong(data.getString(DeadlineReminderJob.DUE))));
			}
		}
		catch (SchedulerException e) {
			throw new IllegalStateException("could not list the reminders' triggers", e);
		}
		return result;
	}

	private static JobKey jobKey(Reminder reminder) {
		return JobKey.jobKey(reminder.id(), AllocationTriggers.GROUP);
	}

}
