package th.or.dga.budgetbot.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With no Redis configured ({@code SPRING_DATA_REDIS_URL}, a host, sentinels or a cluster),
 * points the app at an embedded Redis on a free loopback port, which
 * {@link EmbeddedRedisConfiguration} starts. Runs before the connection factory is built, so
 * that one reads the chosen URL like any other.
 *
 * <p>Only where losing everything at a restart is fine: in local mode, or where
 * {@code app.redis.embedded=true} says so (the tests). Anywhere else the bot would take LINE
 * events into an inbox that dies with the process and share nothing with other instances, so
 * the start is refused ({@link RedisNotConfigured}). {@code app.redis.embedded=false} never
 * starts one (Spring's default, localhost:6379, applies).
 */
public class EmbeddedRedisEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PORT_PROPERTY = "app.redis.embedded-port";

	static final String EMBEDDED = "app.redis.embedded";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		boolean configured = Stream.of("spring.data.redis.url", "spring.data.redis.host", "spring.data.redis.sentinel.master",
				"spring.data.redis.cluster.nodes")
			.anyMatch(environment::containsProperty);
		if (configured) {
			return;
		}
		String embedded = environment.getProperty(EMBEDDED, "");
		boolean localMode = environment.getProperty("app.line.local-mode", Boolean.class, false);
		if (embedded.isBlank() && !localMode) {
			throw new RedisNotConfigured();
		}
		if (!embedded.isBlank() && !Boolean.parseBoolean(embedded.strip())) {
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
		// After the config files and after local mode has been decided.
		return Ordered.LOWEST_PRECEDENCE;
	}

}
