package th.or.dga.budgetbot.simulator;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the bot sent through the stand-in push, multicast and broadcast endpoints in local mode,
 * newest last: the last {@value #KEPT} requests only, so that the simulator's memory stays
 * bounded however many notices are tried. Retry keys are honoured as LINE does: a key seen
 * before is answered 409 and not recorded again.
 */
class SimulatedPushes {

	static final int KEPT = 100;

	private static final int KEYS_KEPT = 10_000;

	/** One request as LINE would have received it. */
	record Push(Instant at, String endpoint, String retryKey, JsonNode body) {
	}

	private final Deque<Push> pushes = new ArrayDeque<>();

	private final Deque<String> keyOrder = new ArrayDeque<>();

	private final Set<String> keys = new HashSet<>();

	/** Records a request; false if its retry key was accepted before. */
	synchronized boolean accept(String endpoint, String retryKey, JsonNode body) {
		if (retryKey != null) {
			if (!keys.add(retryKey)) {
				return false;
			}
			keyOrder.addLast(retryKey);
			if (keyOrder.size() > KEYS_KEPT) {
				keys.remove(keyOrder.removeFirst());
			}
		}
		pushes.addLast(new Push(Instant.now(), endpoint, retryKey, body));
		if (pushes.size() > KEPT) {
			pushes.removeFirst();
		}
		return true;
	}

	synchronized List<Push> recent() {
		return List.copyOf(pushes);
	}

}
