package th.or.dga.budgetbot.store;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * How far behind the consumers of a Redis stream whose entries are deleted once done (the
 * notice outbox, the inbox) are, as two gauges: {@code <prefix>.depth}, the entries waiting or
 * being worked on, and {@code <prefix>.oldest.age}, in seconds, of the oldest of them (0 when
 * there is none), measured against the Redis server's clock, which wrote the entry's id.
 *
 * <p>A scrape costs at most one round trip, a script, and none while the last reading is younger
 * than {@code fresh}; it never waits on Redis longer than {@code wait} and never fails: while Redis
 * does not answer, the gauges are NaN (unknown), never a made-up 0.
 */
public final class StreamBacklog implements MeterBinder, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(StreamBacklog.class);

	/** XLEN, the first entry's id (or ''), and the server's TIME (seconds, microseconds). */
	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> READ = RedisScript.of("""
			local first = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 1)
			local id = ''
			if #first > 0 then id = first[1][1] end
			local now = redis.call('TIME')
			return {redis.call('XLEN', KEYS[1]), id, now[1], now[2]}
			""", List.class);

	/** A reading: NaN for what is not known. */
	public record Reading(double depth, double oldestAgeSeconds) {

		static final Reading UNKNOWN = new Reading(Double.NaN, Double.NaN);

	}

	private final StringRedisTemplate redis;

	private final String stream;

	private final String prefix;

	private final String entries;

	private final long freshNanos;

	private final Duration wait;

	private final ExecutorService reader;

	private Reading last = Reading.UNKNOWN;

	private long lastAt;

	private boolean read;

	private CompletableFuture<Reading> inFlight;

	/**
	 * @param prefix the gauges' name before {@code .depth} and {@code .oldest.age} ("bot.outbox")
	 * @param entries what an entry is, for the description ("notice batches")
	 */
	public StreamBacklog(StringRedisTemplate redis, String stream, String prefix, String entries) {
		this(redis, stream, prefix, entries, Duration.ofSeconds(1), Duration.ofMillis(250));
	}

	StreamBacklog(StringRedisTemplate redis, String stream, String prefix, String entries, Duration fresh, Duration wait) {
		this.redis = redis;
		this.stream = stream;
		this.prefix = prefix;
		this.entries = entries;
		this.freshNanos = fresh.toNanos();
		this.wait = wait;
		this.reader = Executors.newSingleThreadExecutor(r -> {
			Thread thread = new Thread(r, "backlog-" + stream);
			thread.setDaemon(true);
			return thread;
		});
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder(prefix + ".depth", this, b -> b.current().depth())
			.description(entries + " waiting or being worked on in the Redis stream " + stream)
			.register(registry);
		Gauge.builder(prefix + ".oldest.age", this, b -> b.current().oldestAgeSeconds())
			.description("Age of the oldest of the " + entries + " in " + stream + " (0 when none)")
			.baseUnit("seconds")
			.register(registry);
	}

	/** The latest reading, taken now if the last one is stale; both gauges of a scrape share one. */
	public synchronized Reading current() {
		long now = System.nanoTime();
		if (read && now - lastAt < freshNanos) {
			return last;
		}
		if (inFlight == null) {
			inFlight = CompletableFuture.supplyAsync(this::readNow, reader);
		}
		try {
			Reading reading = inFlight.get(wait.toMillis(), TimeUnit.MILLISECONDS);
			return remember(reading, now);
		}
		catch (TimeoutException e) {
			// Still reading: the next scrape waits for the same read instead of starting another.
			return Reading.UNKNOWN;
		}
		catch (ExecutionException e) {
			log.debug("Could not read the backlog of {}: {}", stream, e.getCause().toString());
			return remember(Reading.UNKNOWN, now);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return Reading.UNKNOWN;
		}
	}

	private Reading remember(Reading reading, long at) {
		inFlight = null;
		last = reading;
		lastAt = at;
		read = true;
		return reading;
	}

	private Reading readNow() {
		List<?> result = redis.execute(READ, List.of(stream));
		if (result == null || result.size() < 4) {
			return Reading.UNKNOWN;
		}
		long depth = Long.parseLong(String.valueOf(result.get(0)));
		String first = String.valueOf(result.get(1));
		if (depth == 0 || first.isEmpty()) {
			return new Reading(depth, 0);
		}
		long nowMillis = Long.parseLong(String.valueOf(result.get(2))) * 1000 + Long.parseLong(String.valueOf(result.get(3))) / 1000;
		long firstMillis = Long.parseLong(first.substring(0, first.indexOf('-')));
		return new Reading(depth, Math.max(0, nowMillis - firstMillis) / 1000.0);
	}

	@Override
	public void close() {
		reader.shutdownNow();
	}

}
