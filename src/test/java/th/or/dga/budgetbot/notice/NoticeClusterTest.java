package th.or.dga.budgetbot.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobListener;
import org.quartz.Scheduler;
import org.quartz.impl.matchers.GroupMatcher;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.JsonNode;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import th.or.dga.budgetbot.BudgetBotApplication;
import th.or.dga.budgetbot.admin.AdminApi;
import th.or.dga.budgetbot.agency.StaffLinking;
import th.or.dga.budgetbot.line.LineMessagingStub;
import th.or.dga.budgetbot.line.LineMessagingStub.Endpoint;
import th.or.dga.budgetbot.store.TestPostgres;
import redis.embedded.RedisServer;

/**
 * Two instances of the app (two application contexts, profile {@code cluster}) against one real
 * PostgreSQL holding Quartz's clustered job store, one Redis and one stub LINE API: a deadline
 * reminder and a scheduled notice each fire once in the cluster, and when the instance that
 * fired one dies abruptly the next trigger is taken over by the other. A node that died is
 * replaced by a new one between the scenarios, as an operator would.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NoticeClusterTest {

	static final String SECRET = "notice-cluster-secret-0123456789";

	static final String TOKEN = "notice-cluster-channel-token";

	static final String ADMIN = "notice-cluster-bootstrap-admin-token-0123456789";

	static EmbeddedPostgres postgres;

	/**
	 * A Redis of the cluster's own: the JVM's shared test Redis holds other tests' agencies and
	 * staff (with made-up user ids), whom a reminder to every agency that has not submitted
	 * would reach too.
	 */
	static RedisServer redis;

	static int redisPort;

	static LineMessagingStub line;

	static final Map<String, Instance> instances = new ConcurrentHashMap<>();

	static final List<Instance> dead = new java.util.concurrent.CopyOnWriteArrayList<>();

	/**
	 * The node's Quartz dies without a word: its scheduler stops at once, leaving whatever it had
	 * acquired and its last check-in in the database, for the others to recover. Its application
	 * context is closed only at the end: in one JVM, Quartz's connection registry is shared by
	 * scheduler name, so closing a context's connection pool could starve the survivor, which
	 * separate processes never do.
	 */
	private static void die(Instance instance) throws Exception {
		instance.context().getBean(Scheduler.class).shutdown(false);
		instances.remove(instance.name());
		dead.add(instance);
	}

	/** One running app: its context, admin API and the notices its Quartz scheduler ran. */
	record Instance(String name, ConfigurableApplicationContext context, AdminApi admin, Map<String, AtomicInteger> ran) {

		int ran(String notice) {
			AtomicInteger count = ran.get(notice);
			return count == null ? 0 : count.get();
		}

	}

	@BeforeAll
	static void startCluster() throws Exception {
		postgres = TestPostgres.start();
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			redisPort = socket.getLocalPort();
		}
		redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1").setting("save \"\"").build();
		redis.start();
		line = new LineMessagingStub(TOKEN);
		for (String name : List.of("node-a", "node-b")) {
			instances.put(name, start(name));
		}
	}

	@AfterAll
	static void stopCluster() throws Exception {
		instances.values().forEach(instance -> instance.context().close());
		dead.forEach(instance -> instance.context().close());
		if (line != null) {
			line.stop();
		}
		if (postgres != null) {
			postgres.close();
		}
		if (redis != null) {
			redis.stop();
		}
	}

	@Test
	@Order(1)
	void aDeadlineReminderIsSentOnceInTheClusterAndTheNextFiresOnTheSurvivorWhenItsNodeDies() throws Exception {
		List<Instance> live = List.copyOf(instances.values());
		Instance a = live.get(0);
		Instance b = live.get(1);
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(checkedIn()).hasSize(2));
		Agency agency = agencyWithStaff(a, 3);
		int year = 2600 + ThreadLocalRandom.current().nextInt(90);
		java.time.Instant closes = java.time.Instant.now().plus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		// Reminders an hour before a deadline an hour away, less a few seconds: due in 4 s and in 12 s.
		Duration first = Duration.between(java.time.Instant.now().plusSeconds(4), closes).withNanos(0);
		Duration next = first.minusSeconds(8);
		AdminApi.Response put = a.admin().put("/api/admin/fiscal-years/" + year,
				Map.of("state", "OPEN", "opens", closes.minus(Duration.ofDays(30)).toString(), "closes", closes.toString(),
						"reminders", List.of(first.toString(), next.toString())));
		assertThat(put.status()).as(put.raw().body()).isEqualTo(200);
		String firstId = "deadline:" + year + ":" + first;
		String nextId = "deadline:" + year + ":" + next;

		awaitDone(b, firstId);
		assertThat(agency.staff()).allSatisfy(user -> assertThat(line.deliveries(user)).isEqualTo(1));
		assertThat(a.ran(firstId) + b.ran(firstId)).isEqualTo(1);

		Instance fired = a.ran(firstId) == 1 ? a : b;
		Instance survivor = fired == a ? b : a;
		die(fired);

		awaitDone(survivor, nextId);
		assertThat(survivor.ran(nextId)).isEqualTo(1);
		assertThat(fired.ran(nextId)).isZero();
		// Once per reminder: two reminders, two deliveries each, never a third.
		assertThat(agency.staff()).allSatisfy(user -> assertThat(line.deliveries(user)).isEqualTo(2));
		line.assertEveryRequestValid();

		instances.put("node-c", start("node-c"));
	}

	@Test
	@Order(2)
	void aScheduledNoticeFiresOnceInTheClusterAndTheSurvivorTakesOverWhenItsNodeDies() throws Exception {
		line.reset();
		List<Instance> live = List.copyOf(instances.values());
		Instance a = live.get(0);
		Instance b = live.get(1);
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(checkedIn()).hasSize(2));

		Agency first = agencyWithStaff(a, 3);
		OffsetDateTime soon = OffsetDateTime.now(ZoneOffset.ofHours(7)).plusSeconds(4);
		String firstId = scheduled(a, first, "ครั้งแรก", soon);
		// What b's own sweep would do were the trigger missing: one trigger, replaced, in the shared store.
		b.context().getBean(NoticeSchedule.class).schedule(firstId, soon.toInstant());

		awaitDone(b, firstId);
		assertThat(line.requests(Endpoint.MULTICAST)).hasSize(1);
		assertThat(first.staff()).allSatisfy(user -> assertThat(line.deliveries(user)).isEqualTo(1));
		assertThat(line.duplicates()).isEmpty();
		assertThat(a.ran(firstId) + b.ran(firstId)).isEqualTo(1);

		Instance fired = a.ran(firstId) == 1 ? a : b;
		Instance survivor = fired == a ? b : a;
		Agency second = agencyWithStaff(fired, 3);
		String secondId = scheduled(fired, second, "ครั้งที่สอง", OffsetDateTime.now(ZoneOffset.ofHours(7)).plusSeconds(3));
		die(fired);

		awaitDone(survivor, secondId);
		assertThat(survivor.ran(secondId)).isEqualTo(1);
		assertThat(fired.ran(secondId)).isZero();
		assertThat(line.requests(Endpoint.MULTICAST)).hasSize(2);
		assertThat(second.staff()).allSatisfy(user -> assertThat(line.deliveries(user)).isEqualTo(1));
		assertThat(line.duplicates()).isEmpty();
		line.assertEveryRequestValid();
	}

	private static Instance start(String name) throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(BudgetBotApplication.class).run(
				"--spring.profiles.active=cluster", "--server.port=0", "--app.line.instance-id=" + name,
				"--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
				"--spring.datasource.username=postgres", "--spring.datasource.password=unused-with-trust",
				"--spring.data.redis.url=redis://127.0.0.1:" + redisPort, "--line.bot.channel-secret=" + SECRET,
				"--line.bot.channel-token=" + TOKEN, "--line.bot.api-end-point=" + line.baseUrl(),
				"--app.admin.bootstrap-token=" + ADMIN, "--app.notices.quiet-hours=off", "--app.nlu.iterations=10",
				// Take-over within seconds, not the production 7.5 s + 7.5 s.
				"--spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval=1000",
				// Only Quartz's recovery can move a trigger to the survivor: the Redis sweep waits an hour.
				"--app.notices.reclaim-every=1h");
		Map<String, AtomicInteger> ran = new ConcurrentHashMap<>();
		context.getBean(Scheduler.class)
			.getListenerManager()
			.addJobListener(new Ran(name, ran), GroupMatcher.anyJobGroup());
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return new Instance(name, context, new AdminApi(port, ADMIN), ran);
	}

	/** Counts the notices this instance's scheduler ran. */
	private record Ran(String name, Map<String, AtomicInteger> ran) implements JobListener {

		@Override
		public String getName() {
			return "ran-" + name;
		}

		@Override
		public void jobToBeExecuted(JobExecutionContext context) {
		}

		@Override
		public void jobExecutionVetoed(JobExecutionContext context) {
		}

		@Override
		public void jobWasExecuted(JobExecutionContext context, JobExecutionException jobException) {
			ran.computeIfAbsent(context.getJobDetail().getKey().getName(), id -> new AtomicInteger()).incrementAndGet();
		}

	}

	/** The instance ids in Quartz's check-in table. */
	private static List<String> checkedIn() throws SQLException {
		List<String> ids = new ArrayList<>();
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select instance_name from qrtz_scheduler_state where sched_name = 'budget-bot'")) {
			while (rows.next()) {
				ids.add(rows.getString(1));
			}
		}
		return ids;
	}

	private static String scheduled(Instance instance, Agency agency, String text, OffsetDateTime at) throws Exception {
		AdminApi.Response created = instance.admin()
			.post("/api/admin/notices",
					Map.of("audience", Map.of("type", "agencies", "codes", List.of(agency.code())), "messages",
							List.of(Map.of("type", "text", "text", text)), "scheduledAt", at.toString()),
					Map.of("Idempotency-Key", UUID.randomUUID().toString()));
		assertThat(created.status()).as(created.raw().body()).isEqualTo(202);
		assertThat(created.body().get("status").asText()).isEqualTo("SCHEDULED");
		return created.body().get("id").asText();
	}

	record Agency(String code, List<String> staff) {
	}

	/** A new agency with that many linked staff, through the admin API and real link codes. */
	private static Agency agencyWithStaff(Instance instance, int count) throws Exception {
		String code = "C" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36).toUpperCase(java.util.Locale.ROOT);
		var http = java.net.http.HttpClient.newHttpClient();
		int port = ((WebServerApplicationContext) instance.context()).getWebServer().getPort();
		var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/admin/agencies/" + code))
			.header("Authorization", "Bearer " + ADMIN)
			.header("Content-Type", "application/json")
			.PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"nameTh\":\"หน่วยงาน " + code + "\",\"nameEn\":\"Agency " + code + "\"}"))
			.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
		StaffLinking linking = instance.context().getBean(StaffLinking.class);
		List<String> users = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String user = "U" + UUID.randomUUID().toString().replace("-", "");
			assertThat(linking.link(user, linking.issue(code).code()).outcome().name()).isEqualTo("LINKED");
			users.add(user);
		}
		return new Agency(code, users);
	}

	private static void awaitDone(Instance instance, String id) {
		await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
			JsonNode notice = instance.admin().get("/api/admin/notices/" + id).body();
			assertThat(notice.get("status").asText()).isEqualTo("DONE");
		});
	}

}
