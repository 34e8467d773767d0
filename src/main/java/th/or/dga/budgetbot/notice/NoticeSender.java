package th.or.dga.budgetbot.notice;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import th.or.dga.budgetbot.line.LineMessaging;
import th.or.dga.budgetbot.line.LineMessaging.Endpoint;
import th.or.dga.budgetbot.line.LineMessaging.Outcome;
import th.or.dga.budgetbot.notice.NoticeProgress.Failure;
import th.or.dga.budgetbot.notice.Notices.StoredBatch;
import th.or.dga.budgetbot.queue.Backoff;
import th.or.dga.budgetbot.queue.ConsumerLoop;
import th.or.dga.budgetbot.queue.StreamConsumer;
import th.or.dga.budgetbot.queue.StreamGroup;
import th.or.dga.budgetbot.queue.StreamGroup.Entry;
import th.or.dga.budgetbot.store.RedisOutages;

/**
 * Works off the notice outbox: each entry is one batch, sent with the retry key it was given
 * when the notice started, through the shared rate limits (in {@link LineMessaging}). 5xx,
 * time-outs and rate-limit 429s are retried with backoff and jitter under the same key, so LINE
 * delivers a batch once however often it is sent (a 409 says it already took it); a
 * monthly-limit 429 or another 4xx fails the batch with LINE's words. An entry is acknowledged
 * only after its outcome is recorded: a crash or a failure leaves it pending, and this consumer
 * (first thing after the failure, or at start) or another instance's (once it has been idle
 * long enough) sends it again under the same key. Each sender is a {@link ConsumerLoop}, so
 * Redis going away for any time stops the sending only until it is back.
 */
class NoticeSender implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(NoticeSender.class);

	static final String OUTBOX = "notice:outbox";

	static final String GROUP = "senders";

	private static final Duration IDLE_POLL = Duration.ofMillis(200);

	/** Waits of a sender after Redis failed it: short, as the outage may be a blip. */
	private static final Backoff LOOP_BACKOFF = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5));

	private final Notices notices;

	private final LineMessaging line;

	private final NoticesProperties properties;

	private final String instanceId;

	private final Clock clock;

	private final ObjectMapper json;

	private final StreamGroup outbox;

	private final Backoff backoff;

	private final Map<String, Notice> noticeCache = new ConcurrentHashMap<>();

	private final List<ConsumerLoop> loops = new ArrayList<>();

	private volatile boolean running;

	NoticeSender(StringRedisTemplate redis, Notices notices, LineMessaging line, NoticesProperties properties,
			String instanceId, Clock clock, ObjectMapper json) {
		this.notices = notices;
		this.line = line;
		this.properties = properties;
		this.instanceId = instanceId;
		this.clock = clock;
		this.json = json;
		this.outbox = new StreamGroup(redis, GROUP);
		this.backoff = new Backoff(properties.backoff(), properties.maxBackoff());
	}

	@Override
	public void start() {
		running = true;
		List<String> names = consumers();
		for (String name : names) {
			StreamConsumer consumer = new StreamConsumer(outbox, OUTBOX, name);
			boolean[] created = { false };
			loops.add(ConsumerLoop.start("notice-sender-" + name, () -> {
				try {
					if (!created[0]) {
						// In the loop, so that a Redis that is away at start does not stop the app or the sender.
						outbox.create(OUTBOX);
						created[0] = true;
					}
					return sendNext(consumer);
				}
				catch (RuntimeException e) {
					// A Redis restarted without its data has no group: made again before the next read.
					created[0] = false;
					throw e;
				}
			}, IDLE_POLL, LOOP_BACKOFF));
		}
		loops.add(ConsumerLoop.start("notice-reclaimer", () -> {
			reclaim(names.get(0));
			return false;
		}, properties.reclaimEvery(), LOOP_BACKOFF));
	}

	private boolean sendNext(StreamConsumer consumer) throws InterruptedException {
		List<Entry> entries;
		try {
			entries = consumer.next(1);
			for (Entry entry : entries) {
				process(entry);
				consumer.done(entry);
			}
		}
		catch (RuntimeException e) {
			consumer.rewind();
			throw e;
		}
		return !entries.isEmpty();
	}

	private void process(Entry entry) throws InterruptedException {
		String noticeId = entry.field("notice");
		int number = Integer.parseInt(entry.field("batch"));
		var batch = notices.batch(noticeId, number);
		if (batch.isPresent() && "PENDING".equals(batch.get().state())) {
			try {
				send(batch.get());
			}
			catch (RuntimeException e) {
				if (RedisOutages.isOutage(e)) {
					throw e;
				}
				// A defect, not LINE or Redis: it would fail the same way every time and hold up
				// this sender, so the batch is recorded as failed with the error.
				log.error("Notice {} batch {} could not be sent: {}", noticeId, number, e.toString());
				fail(batch.get(), e);
			}
		}
	}

	private void fail(StoredBatch batch, RuntimeException e) {
		Failure failure = new Failure(batch.number(), (int) batch.count(), 0, null, "error: " + e, clock.instant());
		if (notices.complete(batch, false, 0, null, failure, clock.instant(), properties.ledgerRetention()) == 2) {
			noticeCache.remove(batch.notice());
			notices.forgetNamedUsers(batch.notice());
		}
	}

	private void send(StoredBatch batch) throws InterruptedException {
		Notice notice = noticeCache.computeIfAbsent(batch.notice(),
				id -> notices.find(id).orElseThrow(() -> new IllegalStateException("notice " + id + " is gone")));
		byte[] body = body(notice, batch);
		Endpoint endpoint = Endpoint.valueOf(batch.endpoint().name());
		UUID retryKey = UUID.fromString(batch.retryKey());
		Outcome outcome = null;
		for (int attempt = 1; attempt <= properties.maxAttempts(); attempt++) {
			outcome = line.send(endpoint, retryKey, body, attempt);
			if (!outcome.result().worthRetrying() || attempt == properties.maxAttempts()) {
				break;
			}
			notices.countRetry(batch.notice());
			log.info("Notice {} batch {}: LINE answered {} {}; retrying with the same retry key", batch.notice(),
					batch.number(), outcome.status(), outcome.result());
			TimeUnit.MILLISECONDS.sleep(backoff.after(attempt).toMillis());
		}
		boolean sent = outcome.result().sent();
		Failure failure = sent ? null
				: new Failure(batch.number(), (int) batch.count(), outcome.status(), outcome.requestId(),
						outcome.result() + (outcome.message() == null ? "" : ": " + outcome.message()), clock.instant());
		if (!sent) {
			log.warn("Notice {} batch {} failed: {} {} (request {})", batch.notice(), batch.number(), outcome.status(),
					outcome.message(), outcome.requestId());
		}
		long recorded = notices.complete(batch, sent, outcome.status(), outcome.requestId(), failure, clock.instant(),
				properties.ledgerRetention());
		if (recorded == 2) {
			noticeCache.remove(batch.notice());
			notices.forgetNamedUsers(batch.notice());
			log.info("Notice {} finished", batch.notice());
		}
	}

	private byte[] body(Notice notice, StoredBatch batch) {
		ObjectNode body = json.createObjectNode();
		switch (batch.endpoint()) {
			case PUSH -> body.put("to", batch.recipients().get(0));
			case MULTICAST -> {
				var to = body.putArray("to");
				batch.recipients().forEach(to::add);
			}
			case BROADCAST -> {
				// everyone: no recipients
			}
		}
		body.set("messages", notice.messages());
		try {
			return json.writeValueAsBytes(body);
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
	}

	/** Takes over batches another instance took and left unfinished long enough: it is gone. */
	void reclaim(String consumer) throws InterruptedException {
		List<String> ours = consumers();
		for (Entry entry : outbox.claim(consumer, OUTBOX, properties.reclaimIdle(), 100, name -> !ours.contains(name))) {
			log.info("Took over notice batch {} left unfinished by another instance", entry.id());
			process(entry);
			outbox.done(entry.stream(), entry.id());
		}
	}

	private List<String> consumers() {
		List<String> names = new ArrayList<>();
		for (int i = 0; i < properties.senders(); i++) {
			names.add(instanceId + "-notice-" + i);
		}
		return names;
	}

	@Override
	public void stop() {
		running = false;
		loops.forEach(loop -> loop.stop(Duration.ofSeconds(1)));
		loops.clear();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

}
