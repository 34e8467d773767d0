package th.or.dga.budgetbot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.ProxyManager;

import th.or.dga.budgetbot.MutableClock;

/** The rate-limit buckets in a real Redis: shared by key, driven by the app's clock, and not kept forever. */
class RateLimitBucketsTest {

	private final StringRedisTemplate redis = TestRedis.template();

	private final MutableClock clock = new MutableClock();

	private final RateLimitConfiguration configuration = new RateLimitConfiguration();

	private final RateLimitConfiguration.BucketConnection connection = configuration
		.rateLimitConnection((LettuceConnectionFactory) redis.getConnectionFactory(), java.time.Duration.ofSeconds(10));

	private final ProxyManager<String> buckets = configuration.rateLimitBuckets(connection, clock);

	private final BucketConfiguration threePerMinute = BucketConfiguration.builder()
		.addLimit(l -> l.capacity(3).refillIntervally(3, Duration.ofMinutes(1)))
		.build();

	@AfterEach
	void close() {
		connection.close();
	}

	@Test
	void aBucketIsSharedByKeyAndRefillsWhenTheAppsClockSays() {
		String key = "test:limit:" + UUID.randomUUID();
		Bucket first = buckets.builder().build(key, () -> threePerMinute);
		Bucket second = buckets.builder().build(key, () -> threePerMinute);

		assertThat(first.tryConsume(2)).isTrue();
		assertThat(second.tryConsume(1)).as("same key, same bucket").isTrue();
		assertThat(first.tryConsume(1)).isFalse();

		clock.advance(Duration.ofSeconds(61));

		assertThat(second.tryConsume(3)).isTrue();
	}

	@Test
	void aBucketLeavesRedisSoonAfterItWouldBeFullAgain() {
		String key = "test:limit:" + UUID.randomUUID();
		buckets.builder().build(key, () -> threePerMinute).tryConsume(1);

		Long ttl = redis.getExpire(key, TimeUnit.SECONDS);

		assertThat(ttl).as("seconds to live").isPositive().isLessThanOrEqualTo(60 + RateLimitConfiguration.KEEP_AFTER_REFILL.toSeconds());
	}

}
