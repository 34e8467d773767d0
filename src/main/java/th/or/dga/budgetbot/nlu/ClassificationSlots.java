package th.or.dga.budgetbot.nlu;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * At most so many messages are classified at once. Classifying is the CPU-heavy part of an
 * answer (a millisecond or two), and the inbox's workers would otherwise take every core when a
 * backlog forms, while LINE counts a webhook not acknowledged within 2 s as failed: with a core
 * kept free of classification, webhooks are acknowledged in milliseconds whatever the backlog,
 * and answers (which have the reply token's 50 s) wait their turn instead. Waiting is fair
 * (first come, first classified).
 */
public final class ClassificationSlots {

	private final Semaphore slots;

	private final int size;

	/** @param size at most this many classifications at once (at least 1) */
	public ClassificationSlots(int size) {
		if (size < 1) {
			throw new IllegalArgumentException("app.nlu.max-concurrent-classifications: at least 1, not " + size);
		}
		this.size = size;
		this.slots = new Semaphore(size, true);
	}

	/** All cores but one, and at least one. */
	public static ClassificationSlots forThisMachine() {
		return new ClassificationSlots(Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
	}

	/** Unbounded for practical purposes: for tools and tests that classify on one thread. */
	public static ClassificationSlots unbounded() {
		return new ClassificationSlots(Integer.MAX_VALUE / 2);
	}

	/**
	 * Classifies when a slot is free.
	 *
	 * @throws ClassificationInterrupted if the thread is interrupted while waiting (the app is stopping)
	 */
	public Classification classify(Supplier<Classification> classifying) {
		try {
			slots.acquire();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new ClassificationInterrupted();
		}
		try {
			return classifying.get();
		}
		finally {
			slots.release();
		}
	}

	public int size() {
		return size;
	}

	/** The thread was interrupted while waiting for a slot. */
	public static final class ClassificationInterrupted extends RuntimeException {

		private static final long serialVersionUID = 1L;

		ClassificationInterrupted() {
			super("interrupted while waiting to classify");
		}

	}

}
