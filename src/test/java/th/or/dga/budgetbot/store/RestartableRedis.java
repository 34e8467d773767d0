package th.or.dga.budgetbot.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import redis.embedded.RedisServer;

/**
 * A real Redis server of a test's own, on its own port, that can be stopped and started again
 * with its data (append-only file, synced at every write), as an outage of a production Redis
 * ends: for tests of what the app does while Redis is away and after it is back.
 */
public final class RestartableRedis implements AutoCloseable {

	private final int port;

	private final Path dir;

	private RedisServer server;

	public RestartableRedis() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
			dir = Files.createTempDirectory("redis-" + port);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** A server of its own, started. */
	public static RestartableRedis started() {
		RestartableRedis redis = new RestartableRedis();
		redis.start();
		return redis;
	}

	public int port() {
		return port;
	}

	public String url() {
		return "redis://127.0.0.1:" + port;
	}

	public synchronized void start() {
		try {
			server = RedisServer.newRedisServer()
				.port(port)
				.bind("127.0.0.1")
				.setting("dir " + dir)
				.setting("appendonly yes")
				.setting("appendfsync always")
				.setting("save \"\"")
				.build();
			server.start();
		}
		catch (IOException e) {
			throw new UncheckedIOException("could not start Redis on port " + port, e);
		}
	}

	/** Stops the server as an operator would (SIGTERM): what was written is on disk. */
	public synchronized void stop() {
		if (server != null) {
			try {
				server.stop();
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			server = null;
		}
	}

	@Override
	public void close() {
		stop();
	}

}
