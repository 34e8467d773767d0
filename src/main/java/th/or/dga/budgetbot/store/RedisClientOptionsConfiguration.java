package th.or.dga.budgetbot.store;

import org.springframework.boot.autoconfigure.data.redis.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.lettuce.core.ClientOptions.DisconnectedBehavior;

@Configuration(proxyBeanMethods = false)
class RedisClientOptionsConfiguration {

	/**
	 * While the connection to Redis is down, a command fails at once instead of waiting in
	 * Lettuce's queue for the whole command time-out: a webhook then answers 503 in
	 * milliseconds, not after a second or more (LINE counts one over 2 s as failed), and health
	 * says DOWN at once. Lettuce still reconnects by itself; the inbox and notice workers back
	 * off and read again.
	 */
	@Bean
	LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
		return options -> options.disconnectedBehavior(DisconnectedBehavior.REJECT_COMMANDS);
	}

}
