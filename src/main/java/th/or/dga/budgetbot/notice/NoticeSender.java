package th.or.dga.budgetbot.notice;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.RedisStreamCommands;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.PendingMessage;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import th.or.dga.budgetbot.line.LineMessaging;
import th.or.dga.budgetbot.line.LineMessaging.Endpoint;
import th.or.dga.budgetbot.line.LineMessaging.Outcome;
import th.or.dga.budgetbot.notice.NoticeProgress.Failure;
import th.or.dga.budgetbot.notice.Notices.StoredBatch;

/**
 * Works off the notice outbox: each entry is one batch, sent with the retry key it was given
 * when the notice started, through the shared rate limits. 5xx, time-outs and rate-limit 429s
 * are retried with backoff and jitter under the same key, so LINE delivers a batch once
 * however often it is sent (a 409 says it already took it); a monthly-limit 429 or another 4xx
 * fails the batch with LINE's words. An entry is acknowledged only after its outcome is
 * recorded: a crash leaves it pending, and this instance (at start) or another (once it has
 * been idle long enough) sends it again under the same key.
 */
class NoticeSender implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(NoticeSender.class);

	static final String OUTBOX = "notice:outbox";

	static final String GROUP = "senders";

	private static final Duration IDLE_POLL = Duration.ofMillis(200);

	private final StringRedisTemplate redis;

	private final Notices notices;

	private final LineMessaging line;

	private final SendRates rates;

	private final NoticesProperties properties;

	private final String instanceId;

	private final Clock clock;

	private final ObjectMapper json;

	private final Map<String, Notice> noticeCache = new ConcurrentHashMap<>();

	private volatile boolean running;

	private ExecutorService workers;

	private ScheduledExecutorService reclaimer;

	NoticeSender(StringRedisTemplate redis, Notices notices, LineMessaging line, SendRates rates,
			NoticesProperties properties, String instanceId, Clock clock, ObjectMapper json) {
		this.redis = redis;
		this.notices = notices;
		this.line = line;
		this.rates = rates;
		this.properties = properties;
		this.instanceId = instanceId;
		this.clock = clock;
		this.json = json;
	}

	@Override
	public void start() {
		createGroup();
		running = true;
		workers = Executors.newFixedThreadPool(properties.senders(), daemon("notice-sender"));
		for (String consumer : consumers()) {
			workers.submit(() -> work(consumer));
		}
		reclaimer = Executors.newSingleThreadScheduledExecutor(daemon("notice-reclaimer"));
		long every = properties.reclaimEvery().toMillis();
		reclaimer.scheduleWithFixedDelay(this::reclaimSafely, every, every, TimeUnit.MILLISECONDS);
	}

	private void work(String consumer) {
		boolean ownPendingFirst = true;
		while (running) {
			try {
				ReadOffset offset = ownPendingFirst ? ReadOffset.from("0") : ReadOffset.lastConsumed();
				List<MapRecord<String, Object, Object>> records = redis.opsForStream()
					.read(Consumer.from(GROUP, consumer), StreamReadOptions.empty().count(1), StreamOffset.create(OUTBOX, offset));
				if (records == null || records.isEmpty()) {
					if (ownPendingFirst) {
						ownPendingFirst = false;
						continue;
					}
					TimeUnit.MILLISECONDS.sleep(IDLE_POLL.toMillis());
					continue;
				}
				for (MapRecord<String, Object, Object> record : records) {
					process(record);
				}
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException e) {
				// Redis away, or a bug: the entry stays pending and is taken up again; the worker lives on.
				log.warn("Notice sender {} failed: {}", consumer, e.toString());
				pause();
			}
		}
	}

	private void process(MapRecord<String, Object, Object> record) throws InterruptedException {
		String noticeId = String.valueOf(record.getValue().get("notice"));
		int number = Integer.parseInt(String.valueOf(record.getValue().get("batch")));
		var batch = notices.batch(noticeId, number);
		if (batch.isPresent() && "PENDING".equals(batch.get().state())) {
			send(batch.get());
		}
		redis.opsForStream().acknowledge(OUTBOX, GROUP, record.getId());
		redis.opsForStream().delete(OUTBOX, record.getId());
	}

	private void send(StoredBatch batch) throws InterruptedException {
		Notice notice = noticeCache.computeIfAbsent(batch.notice(),
				id -> notices.find(id).orElseThrow(() -> new IllegalStateException("notice " + id + " is gone")));
		byte[] body = body(notice, batch);
		Endpoint endpoint = Endpoint.valueOf(batch.endpoint().name());
		UUID retryKey = UUID.fromString(batch.retryKey());
		Outcome outcome = null;
		for (int attempt = 1; attempt <= properties.maxAttempts(); attempt++) {
			rates.acquire(batch.endpoint());
			outcome = line.send(endpoint, retryKey, body);
			if (!outcome.result().worthRetrying() || attempt == properties.maxAttempts()) {
				break;
			}
			notices.countRetry(batch.notice());
			log.info("Notice {} batch {}: LINE answered {} {}; retrying with the same retry key", batch.notice(),
					batch.number(), outcome.status(), outcome.result());
			TimeUnit.MILLISECONDS.sleep(backoff(attempt).toMillis());
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

	private Duration backoff(int attempt) {
		long base = properties.backoff().toMillis() << Math.min(attempt - 1, 20);
		long capped = Math.min(base, properties.maxBackoff().toMillis());
		return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
	}

	private void reclaimSafely() {
		try {
			reclaim();
		}
		catch (RuntimeException e) {
			log.warn("Notice outbox reclaim failed: {}", e.toString());
		}
	}

	/** Takes over batches another instance took and left unfinished long enough: it is gone. */
	void reclaim() throws RuntimeException {
		var pending = redis.opsForStream().pending(OUTBOX, GROUP, Range.unbounded(), 100);
		List<String> ours = consumers();
		for (PendingMessage message : pending) {
			if (ours.contains(message.getConsumerName())
					|| message.getElapsedTimeSinceLastDelivery().compareTo(properties.reclaimIdle()) < 0) {
				continue;
			}
			List<MapRecord<String, Object, Object>> claimed = redis.opsForStream()
				.claim(OUTBOX, GROUP, ours.get(0),
						RedisStreamCommands.XClaimOptions.minIdle(properties.reclaimIdle()).ids(message.getId()));
			for (MapRecord<String, Object, Object> record : claimed) {
				log.info("Took over notice batch {} left unfinished by {}", record.getId(), message.getConsumerName());
				try {
					process(record);
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	private List<String> consumers() {
		List<String> names = new ArrayList<>();
		for (int i = 0; i < properties.senders(); i++) {
			names.add(instanceId + "-notice-" + i);
		}
		return names;
	}

	private void createGroup() {
		try {
			redis.opsForStream().createGroup(OUTBOX, ReadOffset.from("0"), GROUP);
		}
		catch (RedisSystemException e) {
			if (!String.valueOf(e.getMostSpecificCause().getMessage()).contains("BUSYGROUP")) {
				throw e;
			}
		}
	}

	private static void pause() {
		try {
			TimeUnit.SECONDS.sleep(1);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private static java.util.concurrent.ThreadFactory daemon(String name) {
		return r -> {
			Thread thread = new Thread(r, name);
			thread.setDaemon(true);
			return thread;
		};
	}

	@Override
	public void stop() {
		running = false;
		if (reclaimer != null) {
			reclaimer.shutdownNow();
		}
		if (workers != null) {
			workers.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

}
