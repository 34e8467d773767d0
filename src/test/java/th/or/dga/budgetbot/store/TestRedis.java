package th.or.dga.budgetbot.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import redis.embedded.RedisServer;

/**
 * One real Redis server for the plain (non-Spring) tests of a JVM, started on first use on a
 * free loopback port and stopped when the JVM exits. {@code SPRING_DATA_REDIS_URL} is not
 * consulted here: these tests flush what they write.
 */
public final class TestRedis {

	private static RedisServer server;

	private static int port;

	private static StringRedisTemplate template;

	private TestRedis() {
	}

	public static synchronized StringRedisTemplate template() {
		if (template == null) {
			start();
			LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port));
			factory.afterPropertiesSet();
			factory.start();
			template = new StringRedisTemplate(factory);
			template.afterPropertiesSet();
		}
		return template;
	}

	/**
	 * The port of that server, starting it if need be: for a test that runs the app as a
	 * separate process against the same Redis.
	 */
	public static synchronized int port() {
		template();
		return port;
	}

	private static void start() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		try {
			server = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"").build();
			server.start();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try {
				server.stop();
			}
			catch (IOException ignored) {
				// the JVM is exiting
			}
		}));
	}

}
