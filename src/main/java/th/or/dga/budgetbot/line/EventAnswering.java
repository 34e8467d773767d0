package th.or.dga.budgetbot.line;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.bot.model.event.Event;
import com.linecorp.bot.model.event.ReplyEvent;
import com.linecorp.bot.model.objectmapper.ModelObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;

import th.or.dga.budgetbot.hashing.UserIdHashes;
import th.or.dga.budgetbot.line.DeadLetters.DeadLetter;
import th.or.dga.budgetbot.line.Deliveries.Begun;
import th.or.dga.budgetbot.line.Deliveries.Sending;
import th.or.dga.budgetbot.line.Delivery.Channel;
import th.or.dga.budgetbot.line.LineMessaging.Endpoint;
import th.or.dga.budgetbot.line.LineMessaging.Outcome;
import th.or.dga.budgetbot.queue.Backoff;
import th.or.dga.budgetbot.store.RedisOutages;

/**
 * Answers an event of the inbox, one attempt at a time, so that each accepted question is
 * answered exactly once whatever LINE and Redis do. What LINE promises (line-platform.md,
 * "Reply token"): a reply token is single use, and a second use gets {@code 400 Invalid reply
 * token}, so nothing sent with a token reaches the user twice; a token is good for about a
 * minute after its event (no longer guaranteed after that, and LINE may shorten it without
 * notice). A push with an {@code X-Line-Retry-Key} is delivered once per key within a day; a
 * repeat gets 409. From those, the rules:
 *
 * <ol>
 * <li>The answer is worked out once (the conversation has effects: an unanswered question
 * recorded, a link attempt counted) and kept with the event; every attempt sends that one.</li>
 * <li>While the token is young ({@code now < t + app.line.reply-retry-window}, 50 s by default)
 * the answer goes as a reply. A 429, a 5xx or no answer in time is retried with backoff and
 * jitter: safe, since a retry of a reply that did arrive gets the 400. The token's age counts
 * from t, the later of the event's timestamp and its arrival here, both on the app's clock: a
 * first delivery arrives as it happens, but a redelivered event carries a token good for a
 * minute from its redelivery, not from the event; and the app's clock is the one the window is
 * read on. (A redelivery past LINE's 20 minutes gets the 400, and so a push, by rule 3.) An
 * attempt is marked in flight in Redis before it is sent, so one cut short (a kill -9
 * mid-request) counts, at the next attempt, as one whose outcome is unknown, like a 5xx or a
 * time-out.</li>
 * <li>{@code 400 Invalid reply token} after an attempt whose outcome was unknown: that attempt
 * used the token, so the user has the answer (presumed answered, counted and logged). The
 * same 400 with no such attempt: nothing of ours used the token, it died; as 4.</li>
 * <li>The token is too old (or died) and no reply attempt ever had an unknown outcome: nothing
 * reached the user, so the answer is pushed to the chat ({@code app.line.push-fallback}, on by
 * default, since pushes cost quota), prefixed with the time of the question, Bangkok time
 * ("คำตอบของคำถามเมื่อ 10:42 น.: " or "Answer to your question at 10:42: "), as it may arrive
 * after other messages. Its retry key is derived from the event (UUID v3 of {@code "reply:" +
 * webhookEventId}): retries, and attempts after a crash or by another instance, carry the same
 * key, and a 409 means LINE has it. Questions that arrived more than a day ago are not
 * pushed: stale, and past a retry key's life.</li>
 * <li>The token is too old after a reply attempt with an unknown outcome: the reply probably
 * arrived, and a push could answer twice; presumed answered. A push still unknown after
 * {@link #PUSH_RETRY_LIMIT} likewise, as a retry past the key's day could deliver again.</li>
 * <li>LINE refusing what was sent (another 4xx; the monthly limit for a push) and failures
 * that are not LINE's answer (a bug, an unreadable event, after {@code app.line.max-tries}
 * tries) end as a dead letter, which finishes the event so those behind it go on. A Redis
 * outage is no try: it passes, and the attempt is made again.</li>
 * </ol>
 */
class EventAnswering {

	/** What became of an attempt. */
	sealed interface Attempt {

		/** The event needs nothing more; it has left the inbox. */
		record Finished() implements Attempt {
		}

		/** Try again after this wait. */
		record Later(Duration delay) implements Attempt {
		}

	}

	private static final Logger log = LoggerFactory.getLogger(EventAnswering.class);

	/** Older questions are not pushed: stale, and past the life of a retry key. */
	static final Duration PUSH_HORIZON = Duration.ofDays(1);

	/** A push is retried under one key this long at most: LINE keeps a retry key for 24 h. */
	static final Duration PUSH_RETRY_LIMIT = Duration.ofHours(23);

	/** Another attempt at the same event is under way (another instance): look again after this. */
	private static final Duration BUSY = Duration.ofSeconds(1);

	private static final int MAX_ERROR = 300;

	private final ObjectMapper events = ModelObjectMapper.createNewObjectMapper();

	private final ObjectMapper json = new ObjectMapper();

	private final Deliveries deliveries;

	private final DeadLetters deadLetters;

	private final LineEventHandler handler;

	private final LineMessaging line;

	private final UserIdHashes hashes;

	private final Clock clock;

	private final LineProperties properties;

	private final Backoff backoff;

	private final MeterRegistry meters;

	/**
	 * Events whose reply attempt may be marked in flight in Redis though it was never sent: the
	 * marking call itself failed (Redis went away as it ran), so LINE was not called. Without this,
	 * the next attempt would count the mark as a reply of unknown outcome and, the token being old
	 * after a long outage, presume the question answered. Only this process knows it; after a crash
	 * the mark counts as unknown, as it must (a crash may come after the send).
	 */
	private final java.util.Set<String> markedButNotSent = java.util.concurrent.ConcurrentHashMap.newKeySet();

	EventAnswering(Deliveries deliveries, DeadLetters deadLetters, LineEventHandler handler, LineMessaging line,
			UserIdHashes hashes, Clock clock, LineProperties properties, MeterRegistry meters) {
		this.deliveries = deliveries;
		this.deadLetters = deadLetters;
		this.handler = handler;
		this.line = line;
		this.hashes = hashes;
		this.clock = clock;
		this.properties = properties;
		this.backoff = new Backoff(properties.retryBackoff(), properties.maxRetryBackoff());
		this.meters = meters;
	}

	/**
	 * One attempt at the event.
	 *
	 * @throws InterruptedException the app is stopping; an attempt in flight stays so, and counts as unknown
	 * @throws RuntimeException Redis is unreachable ({@link RedisOutages}): try again later, not counted as a try
	 */
	Attempt attempt(InboxEntry entry) throws InterruptedException {
		Begun begun = deliveries.begin(entry, clock.millis());
		if (begun instanceof Begun.Gone) {
			deliveries.finish(entry);
			return new Attempt.Finished();
		}
		if (begun instanceof Begun.Busy) {
			return new Attempt.Later(BUSY);
		}
		Delivery delivery = ((Begun.Started) begun).delivery();
		if (markedButNotSent.remove(entry.key()) && delivery.replyUnknown()) {
			deliveries.neverSent(entry.key(), Channel.REPLY);
			delivery = delivery.withReplyUnknown(false);
		}
		try {
			return answer(entry, delivery);
		}
		catch (RuntimeException e) {
			if (RedisOutages.isOutage(e)) {
				throw e;
			}
			if (Thread.currentThread().isInterrupted()) {
				// Stopping cut the attempt short (waiting to classify, say): not a failure of the event.
				throw new InterruptedException("stopping");
			}
			return failed(entry, delivery, e);
		}
	}

	private Attempt answer(InboxEntry entry, Delivery delivery) throws InterruptedException {
		Event event = read(entry);
		PreparedAnswer answer;
		Optional<String> fresh = Optional.empty();
		if (delivery.answer() != null) {
			answer = PreparedAnswer.fromJson(delivery.answer());
		}
		else {
			Optional<PreparedAnswer> worked = handler.answerTo(event);
			if (worked.isEmpty()) {
				deliveries.finish(entry);
				return new Attempt.Finished();
			}
			answer = worked.get();
			fresh = Optional.of(answer.toJson());
		}
		Instant arrived = Instant.ofEpochMilli(delivery.queued());
		Instant asked = entry.timestamp() > 0 ? Instant.ofEpochMilli(entry.timestamp()) : arrived;
		Instant tokenSince = asked.isAfter(arrived) ? asked : arrived;
		Instant now = clock.instant();
		if (delivery.pushSince() == 0 && now.isBefore(tokenSince.plus(properties.replyRetryWindow()))) {
			return reply(entry, event, answer, fresh, delivery, asked, tokenSince);
		}
		return afterTheToken(entry, event, answer, fresh, delivery, asked, tokenSince, "the reply token is too old");
	}

	private Attempt reply(InboxEntry entry, Event event, PreparedAnswer answer, Optional<String> fresh, Delivery delivery,
			Instant asked, Instant arrived) throws InterruptedException {
		Sending sending;
		try {
			sending = deliveries.sending(entry.key(), Channel.REPLY, fresh, clock.millis());
		}
		catch (RuntimeException e) {
			if (RedisOutages.isOutage(e) && !delivery.replyUnknown()) {
				// Redis may have marked the attempt in flight before its answer was lost; nothing was sent.
				markedButNotSent.add(entry.key());
			}
			throw e;
		}
		PreparedAnswer kept = fresh.isPresent() ? PreparedAnswer.fromJson(sending.answer()) : answer;
		String token = ((ReplyEvent) event).getReplyToken();
		Outcome outcome = line.send(Endpoint.REPLY, null, kept.replyBody(token), sending.attempt());
		switch (outcome.result()) {
			case ACCEPTED, ALREADY_ACCEPTED -> {
				return finished(entry, "reply");
			}
			case INVALID_REPLY_TOKEN -> {
				if (delivery.replyUnknown()) {
					return presumed(entry, "LINE refused the reply token after an attempt whose outcome was unknown");
				}
				return afterTheToken(entry, event, kept, Optional.empty(), delivery, asked, arrived, "LINE refused the reply token");
			}
			case RATE_LIMITED, SERVER_ERROR, NO_ANSWER, NOT_SENT -> {
				boolean unknown = outcome.result().outcomeUnknown();
				deliveries.settle(entry.key(), Channel.REPLY, unknown);
				log.debug("Reply to event {} not accepted ({} {}); trying again", entry.key(), outcome.status(), outcome.result());
				return new Attempt.Later(backoff.after(sending.attempt()));
			}
			default -> {
				return buried(entry, delivery, sending.attempt(), "LINE refused the reply: " + describe(outcome));
			}
		}
	}

	private Attempt afterTheToken(InboxEntry entry, Event event, PreparedAnswer answer, Optional<String> fresh,
			Delivery delivery, Instant asked, Instant arrived, String why) throws InterruptedException {
		Instant now = clock.instant();
		if (delivery.replyUnknown()) {
			return presumed(entry, why + " after a reply attempt whose outcome was unknown");
		}
		if (!properties.pushFallback()) {
			return unanswered(entry, "push-fallback-off", why + ", and app.line.push-fallback is off");
		}
		String chat = event.getSource() == null ? null : event.getSource().getSenderId();
		if (chat == null) {
			return unanswered(entry, "no-chat", why + ", and the event names no chat to push to");
		}
		if (delivery.pushSince() == 0 && arrived.isBefore(now.minus(PUSH_HORIZON))) {
			return unanswered(entry, "too-old", why + ", and the question is more than a day old");
		}
		if (delivery.pushSince() > 0 && now.isAfter(Instant.ofEpochMilli(delivery.pushSince()).plus(PUSH_RETRY_LIMIT))) {
			if (delivery.pushUnknown()) {
				return presumed(entry, "pushes unconfirmed for " + PUSH_RETRY_LIMIT.toHours() + " h, one of unknown outcome");
			}
			return buried(entry, delivery, 0, "LINE did not accept the push within " + PUSH_RETRY_LIMIT.toHours() + " h");
		}
		Sending sending = deliveries.sending(entry.key(), Channel.PUSH, fresh, now.toEpochMilli());
		PreparedAnswer kept = fresh.isPresent() ? PreparedAnswer.fromJson(sending.answer()) : answer;
		Outcome outcome = line.send(Endpoint.PUSH, retryKey(entry), kept.pushBody(chat, asked), sending.attempt());
		switch (outcome.result()) {
			case ACCEPTED, ALREADY_ACCEPTED -> {
				return finished(entry, "push");
			}
			case RATE_LIMITED, SERVER_ERROR, NO_ANSWER, NOT_SENT -> {
				boolean unknown = outcome.result().outcomeUnknown();
				deliveries.settle(entry.key(), Channel.PUSH, unknown);
				log.debug("Push answering event {} not accepted ({} {}); trying again with its retry key", entry.key(),
						outcome.status(), outcome.result());
				return new Attempt.Later(backoff.after(sending.attempt()));
			}
			default -> {
				return buried(entry, delivery, sending.attempt(), "LINE refused the push: " + describe(outcome));
			}
		}
	}

	/** The push's retry key, the same for every attempt at this event on any instance. */
	static UUID retryKey(InboxEntry entry) {
		return UUID.nameUUIDFromBytes(("reply:" + entry.key()).getBytes(StandardCharsets.UTF_8));
	}

	private Event read(InboxEntry entry) {
		if (entry.json() == null) {
			throw new IllegalStateException("the inbox entry has no event");
		}
		try {
			return events.readValue(entry.json(), Event.class);
		}
		catch (IOException e) {
			throw new IllegalStateException("the inbox entry's event is unreadable: " + e.getClass().getSimpleName(), e);
		}
	}

	private Attempt failed(InboxEntry entry, Delivery delivery, RuntimeException e) {
		String error = bounded(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
		int tries = deliveries.failed(entry.key(), error, clock.millis());
		if (tries >= properties.maxTries()) {
			log.error("Event {} failed {} times, the last with {}; moved to the dead letters", entry.key(), tries,
					e.getClass().getName());
			return buried(entry, delivery, tries, error);
		}
		log.warn("Event {} failed (try {} of {}): {}", entry.key(), tries, properties.maxTries(), e.getClass().getName());
		return new Attempt.Later(backoff.after(tries));
	}

	private Attempt buried(InboxEntry entry, Delivery delivery, int tries, String error) {
		Instant now = clock.instant();
		JsonNode event = readLeniently(entry.json());
		String id = entry.key().startsWith("sha256:") || entry.key().startsWith(InboxEntry.FOREIGN) ? null : entry.key();
		String type = EventTypes.tag(event.path("type").isTextual() ? event.path("type").asText() : null);
		String userId = event.path("source").path("userId").asText(null);
		Instant first = delivery.firstFailure() == 0 ? null : Instant.ofEpochMilli(delivery.firstFailure());
		deadLetters.bury(entry, new DeadLetter(null, id, type, userId == null ? null : hashes.hash(userId), bounded(error),
				Math.max(tries, delivery.tries()), first, now));
		// Not the error's message: it may quote the event; the dead-letter listing holds it for admins.
		log.warn("Event {} is a dead letter (GET /api/admin/inbox/dead-letters)", entry.key());
		return new Attempt.Finished();
	}

	private JsonNode readLeniently(String event) {
		try {
			JsonNode node = event == null ? null : json.readTree(event);
			return node == null ? json.createObjectNode() : node;
		}
		catch (IOException e) {
			return json.createObjectNode();
		}
	}

	private Attempt finished(InboxEntry entry, String by) {
		deliveries.finish(entry);
		meters.counter("bot.inbox.answered", "by", by).increment();
		return new Attempt.Finished();
	}

	private Attempt presumed(InboxEntry entry, String why) {
		log.info("Event {} presumed answered: {}", entry.key(), why);
		return finished(entry, "presumed");
	}

	private Attempt unanswered(InboxEntry entry, String reason, String why) {
		deliveries.finish(entry);
		meters.counter("bot.inbox.unanswered", "reason", reason).increment();
		log.info("Event {} left unanswered: {}", entry.key(), why);
		return new Attempt.Finished();
	}

	private static String describe(Outcome outcome) {
		return outcome.status() + " " + outcome.result() + (outcome.message() == null ? "" : " (" + outcome.message() + ")")
				+ (outcome.requestId() == null ? "" : ", request " + outcome.requestId());
	}

	private static String bounded(String text) {
		return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR) + "...";
	}

}
