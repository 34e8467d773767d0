package th.or.dga.budgetbot.store;

import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

@Configuration(proxyBeanMethods = false)
class RedisHealthConfiguration {

	/**
	 * Named so that Boot's own Redis indicator (which waits the whole command time-out) backs
	 * off; the component is still called {@code redis}. Half a second leaves room for the rest
	 * of a health check within the second it must answer in.
	 */
	@Bean
	RedisHealth redisHealthIndicator(RedisConnectionFactory connections) {
		return new RedisHealth(connections, Duration.ofMillis(500));
	}

}
