package th.or.dga.budgetbot.line;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.RedisStreamCommands;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.PendingMessage;
import org.springframework.data.redis.connection.stream.PendingMessages;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.stream.StreamMessageListenerContainer;
import org.springframework.data.redis.stream.StreamMessageListenerContainer.StreamMessageListenerContainerOptions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.bot.model.event.Event;
import com.linecorp.bot.model.objectmapper.ModelObjectMapper;

/**
 * Works off the inbox: several consumers of one Redis consumer group, so events are handled
 * concurrently, each by one consumer. An entry is acknowledged and deleted after it was
 * handled; at start each consumer first takes back what it had left unacknowledged, and events
 * left unfinished by an instance that is gone are taken over once idle long enough.
 */
class InboxWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(InboxWorker.class);

	static final String GROUP = "bot";

	private final ObjectMapper json = ModelObjectMapper.createNewObjectMapper();

	private final StringRedisTemplate redis;

	private final RedisConnectionFactory connectionFactory;

	private final LineEventHandler handler;

	private final LineProperties properties;

	private StreamMessageListenerContainer<String, MapRecord<String, String, String>> container;

	private volatile boolean running;

	private java.util.concurrent.ScheduledExecutorService reclaimer;

	InboxWorker(StringRedisTemplate redis, RedisConnectionFactory connectionFactory, LineEventHandler handler,
			LineProperties properties) {
		this.redis = redis;
		this.connectionFactory = connectionFactory;
		this.handler = handler;
		this.properties = properties;
	}

	@Override
	public void start() {
		createGroup();
		var options = StreamMessageListenerContainerOptions.builder()
			.pollTimeout(Duration.ofMillis(500))
			.batchSize(10)
			.errorHandler(e -> log.warn("Inbox read failed: {}", e.toString()))
			.build();
		container = StreamMessageListenerContainer.create(connectionFactory, options);
		for (String consumer : consumers()) {
			takeBackPending(consumer);
			container.receive(Consumer.from(GROUP, consumer), StreamOffset.create(EventInbox.STREAM, ReadOffset.lastConsumed()),
					this::work);
		}
		container.start();
		reclaimer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
			Thread thread = new Thread(r, "inbox-reclaimer");
			thread.setDaemon(true);
			return thread;
		});
		long every = properties.reclaimEvery().toMillis();
		reclaimer.scheduleWithFixedDelay(this::reclaimSafely, every, every, java.util.concurrent.TimeUnit.MILLISECONDS);
		running = true;
	}

	private void reclaimSafely() {
		try {
			reclaim();
		}
		catch (RuntimeException e) {
			log.warn("Inbox reclaim failed: {}", e.toString());
		}
	}

	/**
	 * Takes over events that another consumer read but never finished, once they have been idle
	 * for reclaimIdle: that consumer's instance is gone. Our own consumers' pending events are
	 * theirs to finish (they take them back at start).
	 */
	void reclaim() {
		PendingMessages pending = redis.opsForStream()
			.pending(EventInbox.STREAM, GROUP, Range.unbounded(), 100);
		List<String> ours = consumers();
		for (PendingMessage message : pending) {
			if (ours.contains(message.getConsumerName())
					|| message.getElapsedTimeSinceLastDelivery().compareTo(properties.reclaimIdle()) < 0) {
				continue;
			}
			List<MapRecord<String, Object, Object>> claimed = redis.opsForStream()
				.claim(EventInbox.STREAM, GROUP, ours.get(0),
						RedisStreamCommands.XClaimOptions.minIdle(properties.reclaimIdle()).ids(message.getId()));
			for (MapRecord<String, Object, Object> record : claimed) {
				log.info("Took over inbox event {} left unfinished by {}", record.getId(), message.getConsumerName());
				handle(record.getId().getValue(), String.valueOf(record.getValue().get("event")));
			}
		}
	}

	private List<String> consumers() {
		List<String> names = new ArrayList<>();
		for (int i = 0; i < properties.workers(); i++) {
			names.add(properties.instanceId() + "-" + i);
		}
		return names;
	}

	private void createGroup() {
		try {
			redis.opsForStream().createGroup(EventInbox.STREAM, ReadOffset.from("0"), GROUP);
		}
		catch (RedisSystemException e) {
			if (!String.valueOf(e.getMostSpecificCause().getMessage()).contains("BUSYGROUP")) {
				throw e;
			}
		}
	}

	private void takeBackPending(String consumer) {
		List<MapRecord<String, Object, Object>> pending = redis.opsForStream()
			.read(Consumer.from(GROUP, consumer), StreamReadOptions.empty().count(1000),
					StreamOffset.create(EventInbox.STREAM, ReadOffset.from("0")));
		if (pending != null && !pending.isEmpty()) {
			log.info("Taking back {} unfinished inbox event(s) of {}", pending.size(), consumer);
			for (MapRecord<String, Object, Object> record : pending) {
				handle(record.getId().getValue(), String.valueOf(record.getValue().get("event")));
			}
		}
	}

	private void work(MapRecord<String, String, String> record) {
		handle(record.getId().getValue(), record.getValue().get("event"));
	}

	private void handle(String id, String eventJson) {
		try {
			handler.handle(json.readValue(eventJson, Event.class));
		}
		catch (Exception e) {
			// A poison event must not block the inbox: it is logged (without its content,
			// which holds personal data) and dropped.
			log.error("Could not handle inbox event {}: {}", id, e.toString());
		}
		finally {
			redis.opsForStream().acknowledge(EventInbox.STREAM, GROUP, id);
			redis.opsForStream().delete(EventInbox.STREAM, id);
		}
	}

	@Override
	public void stop() {
		if (reclaimer != null) {
			reclaimer.shutdownNow();
		}
		if (container != null) {
			container.stop();
		}
		running = false;
	}

	@Override
	public boolean isRunning() {
		return running;
	}

}
