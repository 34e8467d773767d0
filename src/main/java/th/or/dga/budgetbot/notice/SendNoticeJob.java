package th.or.dga.budgetbot.notice;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

import th.or.dga.budgetbot.observability.Correlation;

/**
 * Starts one scheduled notice; starting is atomic in Redis, so running it twice sends once (a
 * clustered instance that pauses is taken for dead and its job recovered elsewhere). Its data is
 * the notice id only and is never written back (no {@code @PersistJobDataAfterExecution}).
 */
@DisallowConcurrentExecution
class SendNoticeJob extends QuartzJobBean {

	static final String NOTICE = "notice";

	private final NoticeDispatch dispatch;

	SendNoticeJob(NoticeDispatch dispatch) {
		this.dispatch = dispatch;
	}

	@Override
	protected void executeInternal(JobExecutionContext context) {
		String id = context.getMergedJobDataMap().getString(NOTICE);
		// No request to tie the start's log lines to: the notice is what they are about.
		try (Correlation.Scope scope = Correlation.notice(id)) {
			dispatch.start(id);
		}
	}

}
