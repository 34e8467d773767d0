package th.or.dga.budgetbot.process;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.node.ObjectNode;

import th.or.dga.budgetbot.line.Webhooks;

/**
 * LINE's webhook delivery with redelivery switched on (as the README tells operators to): each
 * event goes in a webhook of its own, and while the bot answers it with anything but a 2xx
 * within 2 s, LINE sends it again, same {@code webhookEventId}, same reply token, same
 * timestamp, with {@code deliveryContext.isRedelivery} true, at growing intervals. LINE does
 * not say how often or how long; here 1, 2 and 4 s, then every 5 s, until the bot takes it.
 */
public final class LineRedelivery implements AutoCloseable {

	/** LINE counts a webhook not answered within this as failed, whatever the answer was. */
	public static final Duration LINE_TIMEOUT = Duration.ofSeconds(2);

	private static final long[] INTERVALS_MS = { 1_000, 2_000, 4_000, 5_000 };

	/** One delivery of one event: when it was sent, what the bot answered, and how long that took. */
	public record Attempt(String webhookEventId, String userId, boolean redelivery, Instant sentAt, int status, Duration took) {

		public boolean accepted() {
			return status >= 200 && status < 300;
		}

		/** Taken in time, as LINE sees it: a 2xx within 2 s. */
		public boolean succeeded() {
			return accepted() && took.compareTo(LINE_TIMEOUT) <= 0;
		}

	}

	private final RunningBot bot;

	private final ScheduledExecutorService senders;

	private final Queue<Attempt> attempts = new ConcurrentLinkedQueue<>();

	/** webhookEventId to its user, for every event handed to {@link #deliver}. */
	private final Map<String, String> events = new ConcurrentHashMap<>();

	private final Set<String> acceptedEvents = ConcurrentHashMap.newKeySet();

	private final Set<String> settledEvents = ConcurrentHashMap.newKeySet();

	public LineRedelivery(RunningBot bot) {
		this.bot = bot;
		// Only schedules: the webhooks themselves are sent without holding a thread.
		this.senders = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "line-redelivery");
			thread.setDaemon(true);
			return thread;
		});
	}

	/** Sends the event now, and again until the bot takes it in time. */
	public void deliver(ObjectNode event) {
		String id = event.get("webhookEventId").asText();
		events.put(id, event.get("source").get("userId").asText());
		senders.execute(() -> send(event, 0));
	}

	private void send(ObjectNode event, int redeliveries) {
		ObjectNode sent = event.deepCopy();
		((ObjectNode) sent.get("deliveryContext")).put("isRedelivery", redeliveries > 0);
		String id = sent.get("webhookEventId").asText();
		Instant at = Instant.now();
		bot.postAsync(Webhooks.body(sent).getBytes(StandardCharsets.UTF_8)).thenAccept(answer -> {
			Attempt attempt = new Attempt(id, events.get(id), redeliveries > 0, at, answer.status(), answer.took());
			attempts.add(attempt);
			if (attempt.accepted()) {
				acceptedEvents.add(id);
			}
			if (attempt.succeeded()) {
				settledEvents.add(id);
			}
			else if (!senders.isShutdown()) {
				long delay = INTERVALS_MS[Math.min(redeliveries, INTERVALS_MS.length - 1)];
				senders.schedule(() -> send(event, redeliveries + 1), delay, TimeUnit.MILLISECONDS);
			}
		});
	}

	/** Every delivery so far, in no particular order. */
	public List<Attempt> attempts() {
		return List.copyOf(attempts);
	}

	/** Users of every event handed over. */
	public Set<String> users() {
		return Set.copyOf(events.values());
	}

	/** Users whose event the bot answered with a 2xx at least once (in time or not): it took them. */
	public Set<String> usersAccepted() {
		return acceptedEvents.stream().map(events::get).collect(java.util.stream.Collectors.toUnmodifiableSet());
	}

	/** Whether LINE would send nothing more: every event handed over was taken in time. */
	public boolean settled() {
		return settledEvents.size() == events.size();
	}

	@Override
	public void close() {
		senders.shutdownNow();
	}

}
