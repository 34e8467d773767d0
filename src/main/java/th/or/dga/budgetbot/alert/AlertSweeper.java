package th.or.dga.budgetbot.alert;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * At start and every {@code app.alerts.sweep-every}: what an instance that died left undone
 * (allocation windows without a trigger, allocations taken but not sent), the deadline
 * reminders' triggers rebuilt from the calendar (and reminders whose time passed while the app
 * was down) and the alerts due a resend. Every step is safe on several instances at once.
 */
class AlertSweeper implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(AlertSweeper.class);

	private final AllocationAlerts allocations;

	private final DeadlineReminders reminders;

	private final AlertAcknowledgement acknowledgement;

	private final Duration every;

	private ScheduledExecutorService executor;

	private volatile boolean running;

	AlertSweeper(AllocationAlerts allocations, DeadlineReminders reminders, AlertAcknowledgement acknowledgement,
			Duration every) {
		this.allocations = allocations;
		this.reminders = reminders;
		this.acknowledgement = acknowledgement;
		this.every = every;
	}

	@Override
	public void start() {
		executor = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread thread = new Thread(r, "alert-sweep");
			thread.setDaemon(true);
			return thread;
		});
		executor.scheduleWithFixedDelay(this::sweep, 0, every.toMillis(), TimeUnit.MILLISECONDS);
		running = true;
	}

	void sweep() {
		// Each step on its own: one failing must not keep the others from running.
		step("allocation", allocations::sweep);
		step("reminder", reminders::sweep);
		step("resend", acknowledgement::resendOverdue);
	}

	private static void step(String name, Runnable step) {
		try {
			step.run();
		}
		catch (RuntimeException e) {
			// The next sweep tries again; an exception here would end the periodic task.
			log.warn("Alert sweep ({}) failed: {}", name, e.toString());
		}
	}

	@Override
	public void stop() {
		running = false;
		if (executor != null) {
			executor.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

}
