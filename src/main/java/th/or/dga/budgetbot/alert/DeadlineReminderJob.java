package th.or.dga.budgetbot.alert;

import java.time.Duration;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Fires one deadline reminder. It only hands off: the service checks, at this moment, that the
 * reminder is still due, and the notice's id is derived from the reminder, so running it twice,
 * or on two nodes, sends once.
 */
@DisallowConcurrentExecution
class DeadlineReminderJob extends QuartzJobBean {

	static final String YEAR = "year";

	static final String OFFSET = "offset";

	/** When it is due by the application clock (ms), to tell a trigger that the calendar has moved since. */
	static final String DUE = "due";

	private final DeadlineReminders reminders;

	DeadlineReminderJob(DeadlineReminders reminders) {
		this.reminders = reminders;
	}

	@Override
	protected void executeInternal(JobExecutionContext context) {
		var data = context.getMergedJobDataMap();
		reminders.remind(new Reminder(Integer.parseInt(data.getString(YEAR)), Duration.parse(data.getString(OFFSET))));
	}

}
