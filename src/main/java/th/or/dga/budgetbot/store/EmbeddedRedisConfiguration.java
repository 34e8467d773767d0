package th.or.dga.budgetbot.store;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import redis.embedded.RedisServer;

/** Starts the embedded Redis chosen by {@link EmbeddedRedisEnvironmentPostProcessor}, before anything connects. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(EmbeddedRedisEnvironmentPostProcessor.PORT_PROPERTY)
class EmbeddedRedisConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedRedisConfiguration.class);

	@Bean(destroyMethod = "stop")
	RedisServer embeddedRedisServer(Environment environment) {
		int port = environment.getRequiredProperty(EmbeddedRedisEnvironmentPostProcessor.PORT_PROPERTY, Integer.class);
		try {
			// No persistence: this server lives and dies with the app.
			RedisServer server = RedisServer.newRedisServer()
				.port(port)
				.bind("127.0.0.1")
				.setting("save \"\"")
				.setting("appendonly no")
				.onShutdownForceStop(true)
				.build();
			server.start();
			log.info("Started embedded Redis on 127.0.0.1:{} (no SPRING_DATA_REDIS_URL given)", port);
			return server;
		}
		catch (IOException e) {
			throw new UncheckedIOException("could not start the embedded Redis on port " + port, e);
		}
	}

	/** Every Redis client bean waits for the server. */
	@Bean
	static BeanFactoryPostProcessor redisClientsWaitForEmbeddedServer() {
		return factory -> {
			for (String name : factory.getBeanNamesForType(
					org.springframework.data.redis.connection.RedisConnectionFactory.class, true, false)) {
				BeanDefinition definition = factory.getBeanDefinition(name);
				String[] dependsOn = definition.getDependsOn();
				String[] updated = dependsOn == null ? new String[1] : java.util.Arrays.copyOf(dependsOn, dependsOn.length + 1);
				updated[updated.length - 1] = "embeddedRedisServer";
				definition.setDependsOn(updated);
			}
		};
	}

}
