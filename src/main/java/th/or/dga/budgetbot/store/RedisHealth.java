package th.or.dga.budgetbot.store;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * The {@code redis} health component: a PING that must come back within {@code limit}. Boot's
 * own indicator asks for INFO and waits the whole command time-out, so a health check while
 * Redis is away hung as long as it; here the answer is DOWN as soon as the limit is past. At
 * most one PING is out at a time: checks that come while one is outstanding wait for that one.
 */
final class RedisHealth implements HealthIndicator, DisposableBean {

	private final RedisConnectionFactory connections;

	private final Duration limit;

	private final ExecutorService pinger = Executors.newSingleThreadExecutor(r -> {
		Thread thread = new Thread(r, "redis-health");
		thread.setDaemon(true);
		return thread;
	});

	private CompletableFuture<String> outstanding;

	RedisHealth(RedisConnectionFactory connections, Duration limit) {
		this.connections = connections;
		this.limit = limit;
	}

	@Override
	public Health health() {
		CompletableFuture<String> ping = ping();
		try {
			String answer = ping.get(limit.toMillis(), TimeUnit.MILLISECONDS);
			return "PONG".equalsIgnoreCase(answer) ? Health.up().build() : Health.down().withDetail("ping", String.valueOf(answer)).build();
		}
		catch (TimeoutException e) {
			return Health.down().withDetail("error", "no answer to PING within " + limit.toMillis() + " ms").build();
		}
		catch (ExecutionException e) {
			return Health.down().withDetail("error", String.valueOf(e.getCause())).build();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return Health.unknown().build();
		}
	}

	private synchronized CompletableFuture<String> ping() {
		if (outstanding == null || outstanding.isDone()) {
			outstanding = CompletableFuture.supplyAsync(() -> {
				try (var connection = connections.getConnection()) {
					return connection.ping();
				}
			}, pinger);
		}
		return outstanding;
	}

	@Override
	public void destroy() {
		pinger.shutdownNow();
	}

}
