package th.or.dga.budgetbot.notice;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A Quartz trigger per scheduled notice. Redis holds the truth (the scheduled index), so the
 * triggers are rebuilt from it at start and then every {@code reclaimEvery}: a restart loses
 * nothing, a notice that came due while the app was down starts at once, and a notice
 * scheduled on another instance fires here too if that one is gone (starting is atomic, so
 * two triggers for one notice send it once). Times are the application clock's.
 */
class NoticeSchedule implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(NoticeSchedule.class);

	static final String GROUP = "notices";

	private final Scheduler scheduler;

	private final Notices notices;

	private final Clock clock;

	private final Duration sweepEvery;

	private ScheduledExecutorService sweeper;

	private volatile boolean running;

	NoticeSchedule(Scheduler scheduler, Notices notices, Clock clock, Duration sweepEvery) {
		this.scheduler = scheduler;
		this.notices = notices;
		this.clock = clock;
		this.sweepEvery = sweepEvery;
	}

	@Override
	public void start() {
		sweep();
		sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread thread = new Thread(r, "notice-schedule");
			thread.setDaemon(true);
			return thread;
		});
		sweeper.scheduleWithFixedDelay(this::sweep, sweepEvery.toMillis(), sweepEvery.toMillis(), TimeUnit.MILLISECONDS);
		running = true;
	}

	/** (Re)registers a trigger for every scheduled notice that has none here. */
	void sweep() {
		try {
			for (Map.Entry<String, Instant> entry : notices.scheduled().entrySet()) {
				if (!scheduler.checkExists(key(entry.getKey()))) {
					schedule(entry.getKey(), entry.getValue());
				}
			}
		}
		catch (RuntimeException | SchedulerException e) {
			log.warn("Could not register the scheduled notices' triggers: {}", e.toString());
		}
	}

	/** Fires {@link SendNoticeJob} for the notice at {@code startAt} (at once if that has passed). */
	void schedule(String id, Instant startAt) {
		// Safe to run twice, here or on another node: starting is atomic.
		QuartzTimes.scheduleOnce(scheduler, clock, key(id), SendNoticeJob.class, Map.of(SendNoticeJob.NOTICE, id), startAt);
	}

	void unschedule(String id) {
		try {
			scheduler.deleteJob(key(id));
		}
		catch (SchedulerException e) {
			log.warn("Could not remove the trigger of notice {}: {}", id, e.toString());
		}
	}

	private static JobKey key(String id) {
		return JobKey.jobKey(id, GROUP);
	}

	@Override
	public void stop() {
		running = false;
		if (sweeper != null) {
			sweeper.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

}
