package th.or.dga.budgetbot.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With no Redis configured ({@code SPRING_DATA_REDIS_URL} or {@code spring.data.redis.host}),
 * points the app at an embedded Redis on a free loopback port, which
 * {@link EmbeddedRedisConfiguration} starts. Runs before the connection factory is built, so
 * that one reads the chosen URL like any other.
 */
public class EmbeddedRedisEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PORT_PROPERTY = "app.redis.embedded-port";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		boolean configured = environment.containsProperty("spring.data.redis.url")
				|| environment.containsProperty("spring.data.redis.host");
		boolean allowed = environment.getProperty("app.redis.embedded", Boolean.class, true);
		if (configured || !allowed) {
			return;
		}
		int port = freePort();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("embeddedRedis",
					Map.of("spring.data.redis.url", "redis://127.0.0.1:" + port, PORT_PROPERTY, port)));
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException e) {
			throw new UncheckedIOException("no free port for the embedded Redis", e);
		}
	}

	@Override
	public int getOrder() {
		// After the config files and the environment have been read.
		return Ordered.LOWEST_PRECEDENCE;
	}

}
