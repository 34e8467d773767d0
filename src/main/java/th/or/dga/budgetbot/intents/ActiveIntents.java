package th.or.dga.budgetbot.intents;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The catalog and model the bot answers with now. A message reads the snapshot once and
 * finishes on it, so swapping in a new one never fails a message in flight.
 */
public final class ActiveIntents {

	private final AtomicReference<IntentSnapshot> current;

	public ActiveIntents(IntentSnapshot initial) {
		this.current = new AtomicReference<>(initial);
	}

	public IntentSnapshot current() {
		return current.get();
	}

	public void activate(IntentSnapshot snapshot) {
		current.set(snapshot);
	}

}
