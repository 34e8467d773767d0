package th.or.dga.budgetbot.queue;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread that runs one step of a consumer over and over until stopped, and never dies of
 * what a step throws: Redis away for a minute or an hour, a bug, anything. After a failure it
 * waits (with {@link Backoff}) and tries again; when a step found nothing to do it waits
 * {@code idle}, or less if {@link #wake} is called. It records when a step last completed, so
 * that health can tell a consumer that runs from one that is stuck.
 */
public final class ConsumerLoop {

	/** One round of a consumer: read, work, acknowledge. */
	@FunctionalInterface
	public interface Step {

		/**
		 * @return true if it did something (the next round starts at once), false if there was
		 *     nothing to do
		 */
		boolean run() throws Exception;

	}

	private static final Logger log = LoggerFactory.getLogger(ConsumerLoop.class);

	private final String name;

	private final Step step;

	private final Duration idle;

	private final Backoff backoff;

	private final Thread thread;

	private volatile boolean running = true;

	private volatile long lastCompletedNanos;

	private ConsumerLoop(String name, Step step, Duration idle, Backoff backoff) {
		this.name = name;
		this.step = step;
		this.idle = idle;
		this.backoff = backoff;
		this.lastCompletedNanos = System.nanoTime();
		this.thread = new Thread(this::loop, name);
		this.thread.setDaemon(true);
	}

	/** Starts a loop on a thread of its own, named {@code name}. */
	public static ConsumerLoop start(String name, Step step, Duration idle, Backoff backoff) {
		ConsumerLoop loop = new ConsumerLoop(name, step, idle, backoff);
		loop.thread.start();
		return loop;
	}

	private void loop() {
		int failures = 0;
		while (running) {
			boolean busy;
			try {
				busy = step.run();
				lastCompletedNanos = System.nanoTime();
				if (failures > 0) {
					log.info("{} works again after {} failed round(s)", name, failures);
					failures = 0;
				}
			}
			catch (InterruptedException e) {
				if (!running) {
					return;
				}
				continue;
			}
			catch (Throwable e) {
				failures++;
				// The first failure of a run is a warning; the rest of an outage would only repeat it.
				if (failures == 1) {
					log.warn("{} failed, trying again: {}", name, e.toString());
				}
				else {
					log.debug("{} failed again ({}): {}", name, failures, e.toString());
				}
				pause(backoff.after(failures));
				continue;
			}
			if (!busy) {
				pause(idle);
			}
		}
	}

	private void pause(Duration wait) {
		if (running) {
			LockSupport.parkNanos(this, wait.toNanos());
		}
	}

	/** Ends an idle wait now: there is work (a finished task freed a chat, an entry was added). */
	public void wake() {
		LockSupport.unpark(thread);
	}

	/** How long ago a step last completed without failing (or the loop started). */
	public Duration sinceLastCompleted() {
		return Duration.ofNanos(System.nanoTime() - lastCompletedNanos);
	}

	public boolean isRunning() {
		return running && thread.isAlive();
	}

	/** Stops after the current step, waiting for it at most {@code wait}. */
	public void stop(Duration wait) {
		running = false;
		LockSupport.unpark(thread);
		try {
			thread.join(Math.max(1, wait.toMillis()));
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		if (thread.isAlive()) {
			thread.interrupt();
		}
	}

}
