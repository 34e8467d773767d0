package th.or.dga.budgetbot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;

/**
 * The rate limits' own Redis connection at start: a Redis that is not there yet (or a first
 * handshake slower than the command time-out, on a busy machine) is waited for, up to
 * {@code app.redis.startup-wait}, instead of the app failing to start.
 */
class RateLimitConnectionStartTest {

	private final RestartableRedis redis = new RestartableRedis();

	private final RedisClient client = RedisClient.create(RedisURI.builder()
		.withHost("127.0.0.1")
		.withPort(redis.port())
		.withTimeout(Duration.ofSeconds(1))
		.build());

	@AfterEach
	void stop() {
		client.shutdown();
		redis.close();
	}

	@Test
	void waitsForARedisThatComesUpWithinTheStartUpWait() {
		// Redis comes up while the connection is being tried; when exactly does not matter within the wait.
		CompletableFuture.runAsync(redis::start, CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS));
		try (RateLimitConfiguration.BucketConnection connection = RateLimitConfiguration.BucketConnection.open(client,
				Duration.ofSeconds(30))) {
			assertThat(connection).isNotNull();
		}
	}

	@Test
	void givesUpAfterTheStartUpWaitWithTheConnectionError() {
		assertThatThrownBy(() -> RateLimitConfiguration.BucketConnection.open(client, Duration.ZERO))
			.isInstanceOf(RedisConnectionException.class);
	}

}
