package th.or.dga.budgetbot.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import redis.embedded.RedisServer;

/**
 * A Redis server process of a test's own (the redis-server that embedded-redis ships), on a
 * free loopback port, that can be stopped and started again with its data: every write goes
 * to an append-only file in {@code dataDir} before Redis answers it, and a stop is Redis's
 * own graceful shutdown (SIGTERM). For tests that take Redis away from a running app, or that
 * must not share the JVM's {@link th.or.dga.budgetbot.store.TestRedis} with other tests.
 */
public final class RedisProcess implements AutoCloseable {

	private final RedisServer server;

	private final int port;

	private final Path dataDir;

	private LettuceConnectionFactory factory;

	private StringRedisTemplate template;

	private RedisProcess(RedisServer server, int port, Path dataDir) {
		this.server = server;
		this.port = port;
		this.dataDir = dataDir;
	}

	/** Starts a server keeping its data in {@code dataDir}, emptied first. */
	public static RedisProcess start(Path dataDir) {
		int port = AppJar.freePort();
		try {
			if (Files.isDirectory(dataDir)) {
				try (var files = Files.walk(dataDir)) {
					files.sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(dataDir)).forEach(RedisProcess::delete);
				}
			}
			Files.createDirectories(dataDir);
			RedisServer server = RedisServer.newRedisServer()
				.port(port)
				.bind("127.0.0.1")
				.setting("dir " + dataDir.toAbsolutePath())
				.setting("appendonly yes")
				// Written and synced before the answer: "started again with its data" means all of it.
				.setting("appendfsync always")
				.setting("save \"\"")
				.build();
			RedisProcess redis = new RedisProcess(server, port, dataDir);
			redis.start();
			return redis;
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot start redis-server in " + dataDir, e);
		}
	}

	public int port() {
		return port;
	}

	/** For {@code spring.data.redis.url}. */
	public String url() {
		return "redis://127.0.0.1:" + port;
	}

	public Path dataDir() {
		return dataDir;
	}

	public boolean isRunning() {
		return server.isActive();
	}

	/** Redis's graceful shutdown: it finishes its append-only file and exits; clients' connections drop. */
	public synchronized void stop() {
		try {
			server.stop();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Starts the server (again), on the same port, with the data it had; returns once it takes connections. */
	public synchronized void start() {
		try {
			server.start();
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot start redis-server on port " + port, e);
		}
	}

	/**
	 * A client for the test's own checks; it reconnects by itself after a {@link #stop()} and
	 * {@link #start()}.
	 */
	public synchronized StringRedisTemplate template() {
		if (template == null) {
			factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port),
					LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(5)).build());
			factory.afterPropertiesSet();
			factory.start();
			template = new StringRedisTemplate(factory);
			template.afterPropertiesSet();
		}
		return template;
	}

	@Override
	public synchronized void close() {
		if (factory != null) {
			factory.destroy();
		}
		stop();
	}

	private static void delete(Path path) {
		try {
			Files.delete(path);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
