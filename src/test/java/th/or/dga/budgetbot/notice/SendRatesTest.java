package th.or.dga.budgetbot.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;

import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import th.or.dga.budgetbot.line.LineMessagingStub;
import th.or.dga.budgetbot.line.LineMessaging.Endpoint;
import th.or.dga.budgetbot.store.TestRedis;

/** The shared send rates against a real Redis, counted as LINE counts them: by arrival. */
class SendRatesTest {

	private static final int LIMIT = 50;

	/**
	 * Requests reach LINE a little after they took their token, and not all equally late (a GC
	 * pause, a busy CPU, a slow connection): those that took the first tokens of a second here
	 * arrive this much later than the rest, which bunches a second's worth and more together.
	 */
	private static final Duration UNEVEN_LATENESS = Duration.ofMillis(50);

	@Test
	void requestsArrivingUnevenlyLateStillKeepWithinTheLimitInAnySlidingSecond() throws InterruptedException {
		StringRedisTemplate redis = TestRedis.template();
		redis.delete("rate:line:multicast:" + LIMIT);
		SendRates rates = new SendRates(proxies(redis), new NoticesProperties.Rates(2_000, LIMIT, 60));

		int requests = LIMIT + LIMIT / 5;
		long[] arrivals = new long[requests];
		long first = 0;
		for (int i = 0; i < requests; i++) {
			rates.acquire(Endpoint.MULTICAST);
			long tokenTaken = System.nanoTime();
			if (i == 0) {
				first = tokenTaken;
			}
			boolean early = tokenTaken - first < UNEVEN_LATENESS.toNanos();
			arrivals[i] = tokenTaken + (early ? UNEVEN_LATENESS.toNanos() : 0);
		}

		assertThat(arrivals[requests - 1] - first).as("the requests took more than a second")
			.isGreaterThan(TimeUnit.SECONDS.toNanos(1) + UNEVEN_LATENESS.toNanos());
		assertThat(LineMessagingStub.maxPerSecondOf(arrivals)).isLessThanOrEqualTo(LIMIT);
	}

	private static ProxyManager<String> proxies(StringRedisTemplate redis) {
		RedisClient client = (RedisClient) ((LettuceConnectionFactory) redis.getRequiredConnectionFactory()).getRequiredNativeClient();
		return Bucket4jLettuce.casBasedBuilder(client)
			.expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(5)))
			.build()
			.withMapper(key -> key.getBytes(StandardCharsets.UTF_8));
	}

}
