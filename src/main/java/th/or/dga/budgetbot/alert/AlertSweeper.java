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
 * (allocation windows without a trigger, allocations taken but not sent) and the alerts due a
 * resend. Every step is safe on several instances at once.
 */
class AlertSweeper implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(AlertSweeper.class);

	private final AllocationAlerts allocations;

	private final AlertAcknowledgement acknowledgement;

	private final Duration every;

	private ScheduledExecutorService executor;

	private volatile boolean running;

	AlertSweeper(AllocationAlerts allocations, AlertAcknowledgement acknowledgement, Duration every) {
		this.allocations = allocations;
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
		try {
			allocations.sweep();
			acknowledgement.resendOverdue();
		}
		catch (RuntimeException e) {
			// The next sweep tries again; an exception here would end the periodic task.
			log.warn("Alert sweep failed: {}", e.toString());
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
