package th.or.dga.budgetbot.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import th.or.dga.budgetbot.queue.Backoff;

/**
 * Rate limits that hold across every instance sharing the Redis: one bucket4j
 * {@link ProxyManager} whose buckets live in Redis under keys the features choose
 * ({@code admin:auth-failures:<address>}), updated by compare-and-swap. A feature builds its own
 * bucket configuration and owns its keys; this is only the connection.
 */
@Configuration(proxyBeanMethods = false)
public class RateLimitConfiguration {

	/** The name of the buckets that run on real time rather than the app's clock. */
	public static final String WALL_CLOCK = "wallClockRateLimitBuckets";

	/**
	 * A bucket leaves Redis this long after it would have been full again: a full bucket and no
	 * bucket limit the same way, so nothing is lost and no key lives forever.
	 */
	static final Duration KEEP_AFTER_REFILL = Duration.ofSeconds(10);

	@Bean
	BucketConnection rateLimitConnection(LettuceConnectionFactory redis,
			@Value("${app.redis.startup-wait:60s}") Duration startupWait) {
		return BucketConnection.open(redis.getNativeClient(), startupWait);
	}

	@Bean
	@org.springframework.context.annotation.Primary
	ProxyManager<String> rateLimitBuckets(BucketConnection connection, Clock clock) {
		return connection.proxyManager(new ClockTimeMeter(clock),
				ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_REFILL));
	}

	/**
	 * The same buckets on real time, for limits that someone else enforces on real time (LINE's
	 * rate limits): a test's fixed clock must not stop those buckets from refilling.
	 */
	@Bean(WALL_CLOCK)
	ProxyManager<String> wallClockRateLimitBuckets(BucketConnection connection) {
		return connection.proxyManager(TimeMeter.SYSTEM_MILLISECONDS,
				ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_REFILL));
	}

	/** The app's clock as bucket4j's time, so that a test's clock drives the refills too. */
	record ClockTimeMeter(Clock clock) implements TimeMeter {

		@Override
		public long currentTimeNanos() {
			Instant now = clock.instant();
			return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
		}

		@Override
		public boolean isWallClockBased() {
			return true;
		}

	}

	/**
	 * A connection of its own (string keys, binary bucket state) from the client Spring Boot
	 * configured, so URL, password, TLS and database are the app's; closed with the context.
	 */
	static final class BucketConnection implements AutoCloseable {

		private static final Logger log = LoggerFactory.getLogger(BucketConnection.class);

		private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

		private final StatefulConnection<String, byte[]> connection;

		private BucketConnection(StatefulConnection<String, byte[]> connection) {
			this.connection = connection;
		}

		/**
		 * Connects, trying again with backoff for up to {@code wait}: at start the first
		 * connection's handshake (the Lettuce client's first use, on a busy machine) can take
		 * longer than the command time-out, and Redis may be starting too. Past the wait, the
		 * last failure is thrown and the app does not start.
		 */
		static BucketConnection open(AbstractRedisClient client, Duration wait) {
			long deadline = System.nanoTime() + wait.toNanos();
			Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5));
			for (int attempt = 1;; attempt++) {
				try {
					return connect(client);
				}
				catch (RedisConnectionException e) {
					Duration delay = backoff.after(attempt);
					if (System.nanoTime() + delay.toNanos() - deadline > 0) {
						throw e;
					}
					log.warn("Could not connect to Redis for the rate limits (attempt {}): {}; trying again in {} ms", attempt,
							e.getCause() == null ? e.toString() : e.getCause().toString(), delay.toMillis());
					CompletableFuture.runAsync(() -> {
					}, CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS)).join();
				}
			}
		}

		private static BucketConnection connect(AbstractRedisClient client) {
			if (client instanceof RedisClient standalone) {
				return new BucketConnection(standalone.connect(CODEC));
			}
			if (client instanceof RedisClusterClient cluster) {
				return new BucketConnection(cluster.connect(CODEC));
			}
			throw new IllegalStateException("rate limits need a standalone or cluster Redis; got " + client.getClass().getName());
		}

		@SuppressWarnings("unchecked")
		ProxyManager<String> proxyManager(TimeMeter clock, ExpirationAfterWriteStrategy expiration) {
			var builder = connection instanceof StatefulRedisClusterConnection<?, ?> cluster
					? Bucket4jLettuce.casBasedBuilder((StatefulRedisClusterConnection<String, byte[]>) cluster)
					: Bucket4jLettuce.casBasedBuilder((StatefulRedisConnection<String, byte[]>) connection);
			return builder.clientClock(clock).expirationAfterWrite(expiration).build();
		}

		@Override
		public void close() {
			connection.close();
		}

	}

}
