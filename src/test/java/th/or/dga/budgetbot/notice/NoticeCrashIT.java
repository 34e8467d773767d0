package th.or.dga.budgetbot.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

import com.fasterxml.jackson.databind.JsonNode;

import th.or.dga.budgetbot.admin.AdminApi;
import th.or.dga.budgetbot.line.LineMessagingStub;
import th.or.dga.budgetbot.line.LineMessagingStub.Endpoint;
import th.or.dga.budgetbot.line.LineMessagingStub.Outcome;
import th.or.dga.budgetbot.process.AppJar;
import th.or.dga.budgetbot.store.TestRedis;

/**
 * The built jar as a process, killed with SIGKILL in the middle of a 3,000-recipient notice
 * and started again with the same instance id: it takes back the batches it had left and
 * every recipient is sent the notice exactly once, as the stub LINE API counts it. The kill
 * lands while LINE holds a batch it goes on to accept without the app hearing back: after the
 * restart that batch goes again under the same retry key, gets 409, and is delivered once.
 * Runs in {@code mvn verify} (failsafe), after {@code package} has built the jar.
 */
class NoticeCrashIT {

	static final String SECRET = "crash-it-channel-secret-0123456789";

	static final String TOKEN = "crash-it-channel-token";

	static final String ADMIN = "crash-it-bootstrap-admin-token-0123456789";

	static final int RECIPIENTS = 3_000;

	static final int BATCHES = 6;

	/**
	 * Two multicasts a second (against LINE's 200) spread the six batches over about three
	 * seconds, leaving a wide window to kill the app in; the stub holds the second multicast
	 * this long, so the kill finds it in flight.
	 */
	static final int MULTICASTS_PER_SECOND = 2;

	static final Duration IN_FLIGHT = Duration.ofSeconds(3);

	private final Path log = AppJar.projectRoot().resolve("target/notice-crash-it/app.log");

	private LineMessagingStub line;

	private AppJar app;

	@RegisterExtension
	final TestWatcher printsTheAppLogOnFailure = new TestWatcher() {
		@Override
		public void testFailed(ExtensionContext context, Throwable cause) {
			System.err.println("--- the app's log (" + log + ") ends:\n" + (app == null ? "(not started)" : app.tail(120)));
		}
	};

	@BeforeEach
	void startTheStub() throws Exception {
		Files.deleteIfExists(log);
		line = new LineMessagingStub(TOKEN);
	}

	@AfterEach
	void stopEverything() {
		if (app != null) {
			app.close();
		}
		line.stop();
	}

	@Test
	void aSendKilledMidwayIsFinishedAfterARestartWithEveryRecipientSentExactlyOnce() throws Exception {
		int port = AppJar.freePort();
		List<String> arguments = List.of("--spring.data.redis.url=redis://127.0.0.1:" + TestRedis.port(),
				"--line.bot.channel-secret=" + SECRET, "--line.bot.channel-token=" + TOKEN,
				"--line.bot.api-end-point=" + line.baseUrl(), "--app.admin.bootstrap-token=" + ADMIN,
				"--app.notices.quiet-hours=off", "--app.line.instance-id=crash-test",
				"--app.notices.rates.multicast-per-second=" + MULTICASTS_PER_SECOND,
				// Not what this test is about, and most of each start on a small machine: the classifier's training.
				"--app.nlu.iterations=10");
		// A quick start rather than peak speed: the app lives for seconds and sends six requests.
		List<String> jvm = List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
		app = AppJar.start(port, log, jvm, arguments).awaitHealthy(Duration.ofSeconds(90));
		AdminApi bootstrap = new AdminApi(port, ADMIN);
		AdminApi sender = bootstrap.as(bootstrap.token("crash-sender", "notice:send", "read"));
		Set<String> users = new TreeSet<>();
		while (users.size() < RECIPIENTS) {
			users.add("U" + UUID.randomUUID().toString().replace("-", ""));
		}
		line.next(Endpoint.MULTICAST, Outcome.ok(), Outcome.slow(IN_FLIGHT));

		AdminApi.Response created = sender.post("/api/admin/notices",
				Map.of("audience", Map.of("type", "users", "userIds", List.copyOf(users)), "messages",
						List.of(Map.of("type", "text", "text", "ประกาศ: เปิดระบบรับคำของบประมาณ"))),
				Map.of("Idempotency-Key", UUID.randomUUID().toString()));
		assertThat(created.status()).as(created.raw().body()).isEqualTo(202);
		String id = created.body().get("id").asText();

		// The second multicast taken up by the stub (so held for IN_FLIGHT), and not all six sent.
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> line.requestCount(Endpoint.MULTICAST) >= 2 && line.scripted(Endpoint.MULTICAST) == 0);
		app.kill();
		long multicastsBeforeKill = line.requestCount(Endpoint.MULTICAST);
		long answeredBeforeKill = answered(Endpoint.MULTICAST);
		System.out.printf("Killed the app (pid %d) after %d multicast(s) had reached the stub, %d of them answered%n",
				app.pid(), multicastsBeforeKill, answeredBeforeKill);

		app = AppJar.start(port, log, jvm, arguments).awaitHealthy(Duration.ofSeconds(90));
		await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> sender.get("/api/admin/notices/" + id).body().get("status").asText(), s -> s.equals("DONE") || s.equals("FAILED"));
		JsonNode done = sender.get("/api/admin/notices/" + id).body();

		assertThat(multicastsBeforeKill).as("multicasts before the kill").isBetween(1L, (long) BATCHES - 1);
		assertThat(multicastsBeforeKill - answeredBeforeKill).as("multicasts in flight at the kill").isPositive();
		assertThat(done.get("status").asText()).isEqualTo("DONE");
		assertThat(done.get("recipients").asLong()).isEqualTo(RECIPIENTS);
		assertThat(done.get("sent").asLong()).isEqualTo(RECIPIENTS);
		assertThat(done.get("failed").asLong()).isZero();
		assertThat(line.duplicates()).isEmpty();
		assertThat(line.deliveryCounts()).hasSize(RECIPIENTS);
		assertThat(line.deliveryCounts().keySet()).isEqualTo(users);
		assertThat(line.totalDelivered()).isEqualTo(RECIPIENTS);
		// The batch in flight at the kill went again after the restart, under its own key, and LINE said it had it.
		assertThat(line.responses(Endpoint.MULTICAST)).containsKey(409);
		assertThat(line.withoutRetryKeyCount()).isZero();
		Map<String, Set<String>> keysByBatch = line.requests(Endpoint.MULTICAST)
			.stream()
			.collect(Collectors.groupingBy(r -> r.json().get("to").get(0).asText(),
					Collectors.mapping(r -> r.header("X-Line-Retry-Key"), Collectors.toSet())));
		assertThat(keysByBatch).hasSize(BATCHES).allSatisfy((first, keys) -> assertThat(keys).hasSize(1));
	}

	private long answered(Endpoint endpoint) {
		return line.responses(endpoint).values().stream().mapToLong(Long::longValue).sum();
	}

}
