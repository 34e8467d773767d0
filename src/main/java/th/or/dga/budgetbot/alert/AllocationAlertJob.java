package th.or.dga.budgetbot.alert;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Sends an agency's allocations once its window has closed. Safe to run twice: taking the
 * allocations is atomic, and the notice's id is derived from them.
 */
@DisallowConcurrentExecution
class AllocationAlertJob extends QuartzJobBean {

	static final String AGENCY = "agency";

	private final AllocationAlerts alerts;

	AllocationAlertJob(AllocationAlerts alerts) {
		this.alerts = alerts;
	}

	@Override
	protected void executeInternal(JobExecutionContext context) {
		alerts.windowClosed(context.getMergedJobDataMap().getString(AGENCY));
	}

}
