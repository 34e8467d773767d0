package th.or.dga.budgetbot.line;

import java.time.Duration;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The {@code inbox} health component: DOWN when the inbox's loop has not completed a round of
 * reading for {@link #STALLED} (Redis away, or the loop stuck), so that health says when
 * accepted events are not being answered. It looks at a time kept in memory: it answers at once.
 */
final class InboxHealth implements HealthIndicator {

	static final Duration STALLED = Duration.ofSeconds(5);

	private final InboxDispatcher dispatcher;

	InboxHealth(InboxDispatcher dispatcher) {
		this.dispatcher = dispatcher;
	}

	@Override
	public Health health() {
		Duration since = dispatcher.sinceLastRead();
		Health.Builder health = since.compareTo(STALLED) < 0 ? Health.up() : Health.down();
		health.withDetail("lastReadMillisAgo", since.toMillis()).withDetail("partitions", dispatcher.heldPartitions());
		EventInbox.Snapshot snapshot = dispatcher.snapshot();
		if (snapshot != null) {
			health.withDetail("waiting", snapshot.waiting()).withDetail("deadLetters", snapshot.deadLetters());
		}
		return health.build();
	}

}
