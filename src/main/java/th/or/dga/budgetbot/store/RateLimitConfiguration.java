package th.or.dga.budgetbot.store;

import java.time.Duration;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** Rate-limit buckets in Redis (bucket4j), shared by every instance: each feature names its own. */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

	@Bean
	ProxyManager<String> rateLimitBuckets(LettuceConnectionFactory connections) {
		RedisClient client = (RedisClient) connections.getRequiredNativeClient();
		return Bucket4jLettuce.casBasedBuilder(client)
			.expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(5)))
			.build()
			.withMapper(key -> key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

}
