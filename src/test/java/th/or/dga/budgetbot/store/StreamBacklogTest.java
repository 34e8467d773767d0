package th.or.dga.budgetbot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import redis.embedded.RedisServer;

class StreamBacklogTest {

	private final StringRedisTemplate redis = TestRedis.template();

	@Test
	void countsTheEntriesAndAgesTheOldestByItsId() {
		String stream = "test:backlog:" + UUID.randomUUID();
		// Ids are the Redis server's milliseconds: one written at 1 s past the epoch is some 55 years old.
		add(stream, "1000-0");
		add(stream, "2000-0");
		add(stream, "*");
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		// A long wait: the JVM's first command also opens the connection, which may take longer than a scrape waits.
		try (StreamBacklog backlog = new StreamBacklog(redis, stream, "test.backlog", "entries", Duration.ofSeconds(1),
				Duration.ofSeconds(5))) {
			backlog.bindTo(registry);

			assertThat(registry.get("test.backlog.depth").gauge().value()).isEqualTo(3);
			assertThat(registry.get("test.backlog.oldest.age").gauge().value()).isGreaterThan(50 * 365 * 86400.0);
			assertThat(registry.get("test.backlog.oldest.age").gauge().getId().getBaseUnit()).isEqualTo("seconds");
		}
		finally {
			redis.delete(stream);
		}
	}

	@Test
	void anEmptyOrMissingStreamIsZeroDeepAndZeroOld() {
		try (StreamBacklog backlog = new StreamBacklog(redis, "test:backlog:none:" + UUID.randomUUID(), "test.backlog", "entries",
				Duration.ofSeconds(1), Duration.ofSeconds(5))) {
			assertThat(backlog.current()).isEqualTo(new StreamBacklog.Reading(0, 0));
		}
	}

	@Test
	void readsRedisAtMostOncePerFreshnessPeriod() {
		String stream = "test:backlog:" + UUID.randomUUID();
		add(stream, "*");
		try (StreamBacklog backlog = new StreamBacklog(redis, stream, "test.backlog", "entries", Duration.ofHours(1),
				Duration.ofSeconds(5))) {
			assertThat(backlog.current().depth()).isEqualTo(1);
			add(stream, "*");

			assertThat(backlog.current().depth()).as("the cached reading, within the hour").isEqualTo(1);
		}
		finally {
			redis.delete(stream);
		}
	}

	@Test
	void isUnknownNotZeroWhileRedisIsDownAndReadsAgainWhenItIsBack() throws IOException {
		int port = freePort();
		RedisServer server = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"").build();
		server.start();
		LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port),
				LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(1)).build());
		factory.afterPropertiesSet();
		factory.start();
		StringRedisTemplate own = new StringRedisTemplate(factory);
		own.afterPropertiesSet();
		try (StreamBacklog backlog = new StreamBacklog(own, "outbox", "test.backlog", "entries", Duration.ZERO,
				Duration.ofSeconds(5))) {
			own.opsForStream().add(StreamRecords.newRecord().in("outbox").ofMap(Map.of("k", "v")));
			assertThat(backlog.current().depth()).isEqualTo(1);

			server.stop();
			StreamBacklog.Reading down = backlog.current();

			assertThat(down.depth()).isNaN();
			assertThat(down.oldestAgeSeconds()).isNaN();

			server.start();
			// Started without its data ("save" off): an empty stream, read as such once reconnected.
			org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> backlog.current().depth() == 0);
		}
		finally {
			factory.destroy();
			server.stop();
		}
	}

	private void add(String stream, String id) {
		MapRecord<String, String, String> record = StreamRecords.newRecord().in(stream).ofMap(Map.of("k", "v"));
		redis.opsForStream().add(id.equals("*") ? record : record.withId(RecordId.of(id)));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
