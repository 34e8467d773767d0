package th.or.dga.budgetbot.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import th.or.dga.budgetbot.BudgetBotApplication;
import th.or.dga.budgetbot.admin.AdminApi;
import th.or.dga.budgetbot.agency.LinkedStaff;
import th.or.dga.budgetbot.agency.StaffLinking;
import th.or.dga.budgetbot.line.LineMessagingStub;
import th.or.dga.budgetbot.line.LineMessagingStub.Endpoint;
import th.or.dga.budgetbot.line.LineMessagingStub.Outcome;
import th.or.dga.budgetbot.line.StubLine;
import th.or.dga.budgetbot.line.WebhookClient;
import th.or.dga.budgetbot.line.Webhooks;

/**
 * Notices through the running app, a real Redis and a stub LINE API over HTTP that answers as
 * LINE does (retry keys, 409, 429 kinds, 500, slow answers): audiences, batches, faults,
 * rates, scheduling, idempotency, validation, roles, approval and the quota.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "line.bot.channel-secret=" + NoticeEndToEndTest.SECRET, "line.bot.channel-token=" + NoticeEndToEndTest.TOKEN,
				"app.admin.bootstrap-token=" + NoticeEndToEndTest.ADMIN, "app.notices.quiet-hours=off",
				"app.notices.backoff=20ms", "app.notices.max-backoff=100ms", "app.line.reply-timeout=1s",
				"app.notices.rates.multicast-per-second=" + NoticeEndToEndTest.MULTICAST_RATE, "app.notices.reclaim-every=1h",
				"app.notices.approval-threshold=5000" })
@Import(StubLine.Messaging.class)
class NoticeEndToEndTest {

	static final String SECRET = "notice-e2e-secret-0123456789";

	static final String TOKEN = "notice-e2e-channel-token";

	static final String ADMIN = "notice-e2e-bootstrap-admin-token-0123456789";

	static final int MULTICAST_RATE = 5;

	private final ObjectMapper json = new ObjectMapper();

	@LocalServerPort
	int port;

	@Autowired
	LineMessagingStub line;

	@Autowired
	StaffLinking linking;

	@Autowired
	OptOuts optOuts;

	@Autowired
	Environment environment;

	private AdminApi bootstrap;

	private AdminApi sender;

	@BeforeEach
	void setUp() throws Exception {
		line.reset();
		bootstrap = new AdminApi(port, ADMIN);
		sender = bootstrap.as(bootstrap.token("sender", "notice:send", "read", "agency:write"));
	}

	@Test
	void reachesExactlyTheStaffOfTheChosenAgenciesOnceInMulticastsOf500() throws Exception {
		String prefix = prefix();
		Map<String, List<String>> staff = new HashMap<>();
		staff.put(prefix + "-A", agencyWithStaff(prefix + "-A", "กระทรวงทดสอบ " + prefix, 520));
		staff.put(prefix + "-B", agencyWithStaff(prefix + "-B", "กระทรวงทดสอบ " + prefix, 430));
		staff.put(prefix + "-C", agencyWithStaff(prefix + "-C", "กระทรวงอื่น " + prefix, 250));
		List<String> optedOut = staff.get(prefix + "-A").subList(0, 3);
		WebhookClient webhooks = new WebhookClient(port, SECRET, null);
		for (String user : optedOut) {
			var event = Webhooks.text(Webhooks.newReplyToken(), "หยุดแจ้งเตือนค่ะ");
			((com.fasterxml.jackson.databind.node.ObjectNode) event.get("source")).put("userId", user);
			assertThat(webhooks.post(Webhooks.body(event))).isEqualTo(200);
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> optedOut.stream().allMatch(optOuts::isOptedOut));
		List<String> unfollowed = staff.get(prefix + "-B").subList(0, 2);
		for (String user : unfollowed) {
			assertThat(webhooks.post(Webhooks.body(Webhooks.event("unfollow", null, user)))).isEqualTo(200);
		}
		awaitUnfollowed(unfollowed);

		JsonNode created = create(Map.of("audience", Map.of("type", "agencies", "codes", List.of(prefix + "-A", prefix + "-B")),
				"messages", List.of(text("ประกาศเปิดรับคำของบประมาณ"))));
		JsonNode done = awaitFinished(created.get("id").asText());

		Set<String> expected = new HashSet<>(staff.get(prefix + "-A"));
		expected.addAll(staff.get(prefix + "-B"));
		optedOut.forEach(expected::remove);
		unfollowed.forEach(expected::remove);
		assertThat(done.get("status").asText()).isEqualTo("DONE");
		assertThat(line.deliveryCounts().keySet()).containsExactlyInAnyOrderElementsOf(expected);
		assertThat(line.duplicates()).isEmpty();
		assertThat(staff.get(prefix + "-C")).noneMatch(u -> line.deliveries(u) > 0);
		assertThat(line.requests(Endpoint.MULTICAST)).hasSize(2)
			.allSatisfy(r -> assertThat(r.json().get("to").size()).isLessThanOrEqualTo(500));
		assertThat(line.withoutRetryKeyCount()).isZero();
		assertThat(done.get("recipients").asLong()).isEqualTo(expected.size());
		assertThat(done.get("sent").asLong()).isEqualTo(expected.size());
		assertThat(done.at("/skipped/optedOut").asLong()).isEqualTo(3);
		assertThat(done.at("/skipped/unfollowed").asLong()).isEqualTo(2);
		line.assertEveryRequestValid();

		String id = done.get("id").asText();
		assertThat(recipient(id, expected.iterator().next()).get("status").asText()).isEqualTo("SENT");
		assertThat(recipient(id, optedOut.get(0)).get("status").asText()).isEqualTo("SKIPPED_OPTED_OUT");
		assertThat(recipient(id, unfollowed.get(0)).get("status").asText()).isEqualTo("SKIPPED_UNFOLLOWED");
		assertThat(recipient(id, staff.get(prefix + "-C").get(0)).get("status").asText()).isEqualTo("NOT_A_RECIPIENT");
	}

	@Test
	void aMinistryIsAllItsAgencies() throws Exception {
		String prefix = prefix();
		String ministry = "กระทรวงทดสอบ " + prefix;
		List<String> a = agencyWithStaff(prefix + "-A", ministry, 3);
		List<String> b = agencyWithStaff(prefix + "-B", ministry, 2);
		List<String> other = agencyWithStaff(prefix + "-C", "กระทรวงอื่น " + prefix, 2);

		awaitFinished(create(Map.of("audience", Map.of("type", "ministries", "codes", List.of(ministry)), "messages",
				List.of(text("ถึงทุกหน่วยงานในกระทรวง")))).get("id").asText());

		Set<String> expected = new HashSet<>(a);
		expected.addAll(b);
		assertThat(line.deliveryCounts().keySet()).containsExactlyInAnyOrderElementsOf(expected);
		assertThat(other).noneMatch(u -> line.deliveries(u) > 0);
	}

	@Test
	void retriesFaultsWithTheSameRetryKeyAndNeverExceedsTheRate() throws Exception {
		String prefix = prefix();
		List<String> users = agencyWithStaff(prefix, null, 4_000);
		line.next(Endpoint.MULTICAST, Outcome.serverError(), Outcome.acceptThenServerError(), Outcome.rateLimited(),
				Outcome.slow(Duration.ofMillis(1_500)));

		JsonNode done = awaitFinished(
				create(Map.of("audience", Map.of("type", "agencies", "codes", List.of(prefix)), "messages", List.of(text("x"))))
					.get("id")
					.asText());

		assertThat(done.get("status").asText()).isEqualTo("DONE");
		assertThat(done.get("sent").asLong()).isEqualTo(4_000);
		assertThat(done.get("failed").asLong()).isZero();
		assertThat(done.get("retries").asLong()).isGreaterThanOrEqualTo(4);
		assertThat(line.deliveryCounts().keySet()).containsExactlyInAnyOrderElementsOf(users);
		assertThat(line.duplicates()).isEmpty();
		assertThat(line.responses(Endpoint.MULTICAST)).containsKeys(500, 409, 429);
		Map<String, Set<String>> keysByBatch = line.requests(Endpoint.MULTICAST)
			.stream()
			.collect(Collectors.groupingBy(r -> r.json().get("to").get(0).asText(),
					Collectors.mapping(r -> r.header("X-Line-Retry-Key"), Collectors.toSet())));
		assertThat(keysByBatch).hasSize(8).allSatisfy((first, keys) -> assertThat(keys).hasSize(1));
		assertThat(line.maxPerSecond(Endpoint.MULTICAST)).isLessThanOrEqualTo(MULTICAST_RATE);
		line.assertEveryRequestValid();
	}

	@Test
	void aMonthlyLimitOrAnotherRefusalFailsTheBatchWithLinesWordsAndIsNotRetried() throws Exception {
		String prefix = prefix();
		agencyWithStaff(prefix, null, 700);
		line.next(Endpoint.MULTICAST, Outcome.monthlyLimit());

		JsonNode done = awaitFinished(
				create(Map.of("audience", Map.of("type", "agencies", "codes", List.of(prefix)), "messages", List.of(text("x"))))
					.get("id")
					.asText());

		assertThat(done.get("status").asText()).isEqualTo("DONE");
		assertThat(done.get("sent").asLong() + done.get("failed").asLong()).isEqualTo(700);
		assertThat(done.get("failed").asLong()).isPositive();
		assertThat(done.at("/failures/0/status").asInt()).isEqualTo(429);
		assertThat(done.at("/failures/0/message").asText()).contains("You have reached your monthly limit.");
		assertThat(done.at("/failures/0/requestId").asText()).isNotBlank();
		assertThat(line.requests(Endpoint.MULTICAST)).hasSize(2);
	}

	@Test
	void aScheduledNoticeFiresAtItsTimeAndACancelledOneNever() throws Exception {
		String prefix = prefix();
		List<String> cancelledUsers = agencyWithStaff(prefix + "-X", null, 3);
		List<String> scheduledUsers = agencyWithStaff(prefix + "-Y", null, 3);
		OffsetDateTime soon = OffsetDateTime.now(ZoneOffset.ofHours(7)).plusSeconds(2);

		JsonNode cancelled = create(Map.of("audience", Map.of("type", "agencies", "codes", List.of(prefix + "-X")), "messages",
				List.of(text("ยกเลิก")), "scheduledAt", soon.toString()));
		JsonNode scheduled = create(Map.of("audience", Map.of("type", "agencies", "codes", List.of(prefix + "-Y")), "messages",
				List.of(text("ตามเวลา")), "scheduledAt", soon.plusSeconds(1).toString()));
		assertThat(cancelled.get("status").asText()).isEqualTo("SCHEDULED");
		assertThat(sender.post("/api/admin/notices/" + cancelled.get("id").asText() + "/cancel", "{}", Map.of()).status())
			.isEqualTo(200);

		JsonNode done = awaitFinished(scheduled.get("id").asText());
		assertThat(Instant.parse(done.get("startedAt").asText())).isAfterOrEqualTo(soon.plusSeconds(1).toInstant());
		assertThat(line.deliveryCounts().keySet()).containsExactlyInAnyOrderElementsOf(scheduledUsers);
		assertThat(cancelledUsers).noneMatch(u -> line.deliveries(u) > 0);
		assertThat(notice(cancelled.get("id").asText()).get("status").asText()).isEqualTo("CANCELLED");
		assertThat(sender.post("/api/admin/notices/" + scheduled.get("id").asText() + "/cancel", "{}", Map.of()).status())
			.isEqualTo(409);
	}

	@Test
	void aNoticeThatCameDueWhileTheAppWasDownIsSentAtStart(@Autowired Notices notices) throws Exception {
		String prefix = prefix();
		List<String> users = agencyWithStaff(prefix, null, 2);
		// Left by an instance that stopped before its time came: in Redis, with no trigger anywhere.
		Instant past = Instant.now().minusSeconds(60);
		Notice notice = new Notice(UUID.randomUUID().toString(), "earlier", "t-earlier", past.minusSeconds(60),
				Audience.agencies(List.of(prefix)), json.readTree("[{\"type\":\"text\",\"text\":\"ค้างส่ง\"}]"), past, false,
				"notice");
		notices.create(notice, NoticeStatus.SCHEDULED, past, false, 2, null, Duration.ofDays(1), null);

		try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(BudgetBotApplication.class).run(
				"--server.port=0", "--spring.data.redis.url=" + environment.getProperty("spring.data.redis.url"),
				"--line.bot.channel-secret=" + SECRET, "--line.bot.channel-token=" + TOKEN,
				"--line.bot.api-end-point=" + line.baseUrl(), "--app.line.instance-id=restarted",
				"--app.admin.bootstrap-token=" + ADMIN, "--app.notices.reclaim-every=1h")) {
			await().atMost(Duration.ofSeconds(20))
				.until(() -> notices.progress(notice.id()).orElseThrow().status() == NoticeStatus.DONE);
		}
		assertThat(line.deliveryCounts().keySet()).containsExactlyInAnyOrderElementsOf(users);
	}

	@Test
	void theSameIdempotencyKeyReturnsTheFirstNoticeAndSendsNothingMore() throws Exception {
		String prefix = prefix();
		agencyWithStaff(prefix, null, 2);
		Map<String, Object> body = Map.of("audience", Map.of("type", "agencies", "codes", List.of(prefix)), "messages",
				List.of(text("ครั้งเดียว")));
		String key = UUID.randomUUID().toString();
		AdminApi.Response first = sender.post("/api/admin/notices", body, Map.of("Idempotency-Key", key));
		assertThat(first.status()).isEqualTo(202);
		awaitFinished(first.body().get("id").asText());

		AdminApi.Response again = sender.post("/api/admin/notices", body, Map.of("Idempotency-Key", key));
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.body().get("id").asText()).isEqualTo(first.body().get("id").asText());
		assertThat(line.requests(Endpoint.MULTICAST)).hasSize(1);

		Map<String, Object> other = Map.of("audience", Map.of("type", "agencies", "codes", List.of(prefix)), "messages",
				List.of(text("อีกเรื่อง")));
		AdminApi.Response reused = sender.post("/api/admin/notices", other, Map.of("Idempotency-Key", key));
		assertThat(reused.status()).isEqualTo(422);
		assertThat(reused.body().get("detail").asText()).startsWith("Idempotency-Key:");
	}

	@Test
	void eachKindOfInvalidRequestIsRefusedNamingTheFieldAndStoresNothing() throws Exception {
		String prefix = prefix();
		agencyWithStaff(prefix, null, 1);
		Map<String, Object> audience = Map.of("type", "agencies", "codes", List.of(prefix));
		Map<String, Map<String, Object>> cases = new java.util.LinkedHashMap<>();
		cases.put("messages[1].text: longer than 5,000",
				Map.of("audience", audience, "messages", List.of(text("ok"), Map.of("type", "text", "text", "ก".repeat(5_001)))));
		cases.put("messages: 6 given", Map.of("audience", audience, "messages", java.util.Collections.nCopies(6, text("x"))));
		cases.put("messages[0].type", Map.of("audience", audience, "messages", List.of(Map.of("type", "video"))));
		cases.put("audience.codes[0]: no agency",
				Map.of("audience", Map.of("type", "agencies", "codes", List.of("NO-SUCH-" + prefix)), "messages", List.of(text("x"))));
		cases.put("audience.codes[0]: no agency belongs to a ministry",
				Map.of("audience", Map.of("type", "ministries", "codes", List.of("กระทรวงที่ไม่มี")), "messages", List.of(text("x"))));
		cases.put("audience.userIds[1]: must be a LINE user id", Map.of("audience",
				Map.of("type", "users", "userIds", List.of(userId(), "U123")), "messages", List.of(text("x"))));
		cases.put("audience.type", Map.of("audience", Map.of("type", "everyone"), "messages", List.of(text("x"))));
		cases.put("scheduledAt: must be in the future", Map.of("audience", audience, "messages", List.of(text("x")),
				"scheduledAt", OffsetDateTime.now().minusMinutes(1).toString()));
		int before = list().size();
		for (Map.Entry<String, Map<String, Object>> c : cases.entrySet()) {
			AdminApi.Response response = sender.post("/api/admin/notices", c.getValue(),
					Map.of("Idempotency-Key", UUID.randomUUID().toString()));
			assertThat(response.status()).as(c.getKey()).isIn(400, 422);
			assertThat(response.body().get("detail").asText()).as(c.getKey()).contains(c.getKey());
		}
		AdminApi.Response noKey = sender.post("/api/admin/notices", Map.of("audience", audience, "messages", List.of(text("x"))),
				Map.of());
		assertThat(noKey.status()).isEqualTo(400);
		assertThat(noKey.body().get("detail").asText()).startsWith("Idempotency-Key:");
		assertThat(list()).hasSize(before);
		assertThat(line.requests(Endpoint.MULTICAST)).isEmpty();
		assertThat(line.requests(Endpoint.PUSH)).isEmpty();

		AdminApi reader = bootstrap.as(bootstrap.token("reader", "read"));
		assertThat(reader.post("/api/admin/notices", Map.of("audience", audience, "messages", List.of(text("x"))),
				Map.of("Idempotency-Key", UUID.randomUUID().toString())).status()).isEqualTo(403);
		assertThat(list()).hasSize(before);
	}

	@Test
	void aBodyOverTheAdminLimitIsRefusedWith413AndStoresNothing() throws Exception {
		String prefix = prefix();
		agencyWithStaff(prefix, null, 1);
		String big = json.writeValueAsString(Map.of("audience", Map.of("type", "agencies", "codes", List.of(prefix)), "messages",
				List.of(text("x")), "padding", "ก".repeat(400_000)));
		int before = list().size();

		AdminApi.Response sized = sender.post("/api/admin/notices", big, Map.of("Idempotency-Key", UUID.randomUUID().toString()));
		var http = java.net.http.HttpClient.newHttpClient();
		var chunked = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/admin/notices"))
			.header("Authorization", "Bearer " + ADMIN)
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.POST(java.net.http.HttpRequest.BodyPublishers.fromPublisher(
					java.net.http.HttpRequest.BodyPublishers.ofString(big)))
			.build(), java.net.http.HttpResponse.BodyHandlers.ofString());

		assertThat(sized.status()).isEqualTo(413);
		assertThat(sized.body().get("detail").asText()).contains("app.admin.max-body-size");
		assertThat(chunked.statusCode()).isEqualTo(413);
		assertThat(list()).hasSize(before);
		assertThat(line.requests(Endpoint.MULTICAST)).isEmpty();
	}

	@Test
	void aNoticeToAllWaitsForASecondAdminAndIsOneBroadcast() throws Exception {
		line.followers(12);
		JsonNode created = create(Map.of("audience", Map.of("type", "all"), "messages", List.of(text("ถึงทุกคน"))));
		String id = created.get("id").asText();
		assertThat(created.get("status").asText()).isEqualTo("AWAITING_APPROVAL");

		AdminApi selfApproving = bootstrap.as(bootstrap.token("self", "notice:send", "notice:approve", "read"));
		JsonNode own = create(selfApproving, Map.of("audience", Map.of("type", "all"), "messages", List.of(text("เอง"))));
		assertThat(selfApproving.post("/api/admin/notices/" + own.get("id").asText() + "/approve", "{}", Map.of()).status())
			.isEqualTo(403);
		assertThat(sender.post("/api/admin/notices/" + id + "/approve", "{}", Map.of()).status()).isEqualTo(403);
		assertThat(line.requests(Endpoint.BROADCAST)).isEmpty();

		AdminApi approver = bootstrap.as(bootstrap.token("approver", "notice:approve", "read"));
		AdminApi.Response approved = approver.post("/api/admin/notices/" + id + "/approve", "{}", Map.of());
		assertThat(approved.status()).isEqualTo(200);
		JsonNode done = awaitFinished(id);
		assertThat(done.get("approvedBy").asText()).startsWith("approver");
		assertThat(line.requests(Endpoint.BROADCAST)).hasSize(1);
		assertThat(line.requests(Endpoint.BROADCAST).get(0).header("X-Line-Retry-Key")).isNotBlank();
		line.assertEveryRequestValid();
	}

	@Test
	void aDryRunCountsAndPricesWithoutStoringAndAnOverQuotaNoticeNeedsConsent() throws Exception {
		String prefix = prefix();
		agencyWithStaff(prefix, null, 1_200);
		line.quota(1_000).consumption(100);
		Map<String, Object> audience = Map.of("type", "agencies", "codes", List.of(prefix));
		int before = list().size();

		AdminApi.Response dry = sender.post("/api/admin/notices",
				Map.of("audience", audience, "messages", List.of(text("x")), "dryRun", true), Map.of());
		assertThat(dry.status()).isEqualTo(200);
		assertThat(dry.body().get("recipients").asLong()).isEqualTo(1_200);
		assertThat(dry.body().get("batches").asInt()).isEqualTo(3);
		assertThat(dry.body().at("/quota/remaining").asLong()).isEqualTo(900);
		assertThat(dry.body().at("/quota/enough").asBoolean()).isFalse();
		assertThat(list()).hasSize(before);

		AdminApi.Response refused = sender.post("/api/admin/notices", Map.of("audience", audience, "messages", List.of(text("x"))),
				Map.of("Idempotency-Key", UUID.randomUUID().toString()));
		assertThat(refused.status()).isEqualTo(409);
		assertThat(list()).hasSize(before);
		assertThat(line.requests(Endpoint.MULTICAST)).isEmpty();

		// With consent the app no longer holds it back; LINE then takes what the quota allows and
		// refuses the rest with its monthly-limit 429, which is recorded as failed, not retried.
		JsonNode sent = create(Map.of("audience", audience, "messages", List.of(text("x")), "overQuota", "send"));
		JsonNode done = awaitFinished(sent.get("id").asText());
		assertThat(line.requests(Endpoint.MULTICAST)).hasSize(3);
		assertThat(done.get("sent").asLong() + done.get("failed").asLong()).isEqualTo(1_200);
		assertThat(done.get("sent").asLong()).isEqualTo(line.totalDelivered()).isLessThanOrEqualTo(900);
	}

	@Test
	void whoANoticeWentToIsKeptForTheRetentionThenOnlyTheCounts(@Autowired org.springframework.data.redis.core.StringRedisTemplate redis)
			throws Exception {
		List<String> users = List.of(userId(), userId(), userId());
		JsonNode done = awaitFinished(create(Map.of("audience", Map.of("type", "users", "userIds", users), "messages",
				List.of(text("ถึงเจ้าหน้าที่ที่ระบุชื่อ")))).get("id").asText());
		String id = done.get("id").asText();

		Long ledgerTtl = redis.getExpire(Notices.ledgerKey(id), java.util.concurrent.TimeUnit.DAYS);
		Long batchTtl = redis.getExpire(Notices.batchKey(id, 0), java.util.concurrent.TimeUnit.DAYS);
		assertThat(ledgerTtl).isBetween(89L, 90L);
		assertThat(batchTtl).isBetween(89L, 90L);
		assertThat(done.at("/audience/namedUsers").asInt()).isZero();
		assertThat(redis.opsForValue().get(Notices.key(id))).doesNotContain(users.get(0));

		// What Redis does when the retention ends: the ids go, the counts stay.
		redis.delete(List.of(Notices.ledgerKey(id), Notices.batchKey(id, 0)));
		assertThat(recipient(id, users.get(0)).get("status").asText()).isEqualTo("NO_LONGER_KEPT");
		assertThat(notice(id).get("sent").asLong()).isEqualTo(3);
	}

	@Test
	void aTestSendReachesOneOfficerOnlyAndIsNotCounted() throws Exception {
		String prefix = prefix();
		agencyWithStaff(prefix, null, 2);
		OffsetDateTime later = OffsetDateTime.now().plusHours(1);
		JsonNode created = create(Map.of("audience", Map.of("type", "agencies", "codes", List.of(prefix)), "messages",
				List.of(text("ลองส่ง")), "scheduledAt", later.toString()));
		String officer = userId();

		AdminApi.Response test = sender.post("/api/admin/notices/" + created.get("id").asText() + "/test",
				Map.of("userId", officer), Map.of());

		assertThat(test.status()).isEqualTo(200);
		assertThat(test.body().get("sent").asBoolean()).isTrue();
		assertThat(line.deliveryCounts()).containsOnlyKeys(officer);
		assertThat(line.requests(Endpoint.PUSH).get(0).header("X-Line-Retry-Key")).isNotBlank();
		assertThat(notice(created.get("id").asText()).get("sent").asLong()).isZero();
		sender.post("/api/admin/notices/" + created.get("id").asText() + "/cancel", "{}", Map.of());
	}

	// --- helpers ---

	private static String prefix() {
		return "N" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36).toUpperCase(java.util.Locale.ROOT);
	}

	private static String userId() {
		return "U" + UUID.randomUUID().toString().replace("-", "");
	}

	private static Map<String, Object> text(String text) {
		return Map.of("type", "text", "text", text);
	}

	private List<String> agencyWithStaff(String code, String ministry, int count) throws Exception {
		return LinkedStaff.agencyWithStaff(bootstrap, linking, code, ministry, count);
	}

	private JsonNode create(Map<String, Object> body) throws Exception {
		return create(sender, body);
	}

	private JsonNode create(AdminApi api, Map<String, Object> body) throws Exception {
		AdminApi.Response response = api.post("/api/admin/notices", body, Map.of("Idempotency-Key", UUID.randomUUID().toString()));
		assertThat(response.status()).as(response.raw().body()).isEqualTo(202);
		return response.body();
	}

	private JsonNode notice(String id) throws Exception {
		AdminApi.Response response = sender.get("/api/admin/notices/" + id);
		assertThat(response.status()).isEqualTo(200);
		return response.body();
	}

	private JsonNode awaitFinished(String id) {
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			String status = notice(id).get("status").asText();
			return status.equals("DONE") || status.equals("FAILED");
		});
		try {
			return notice(id);
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	private JsonNode recipient(String id, String userId) throws Exception {
		return sender.get("/api/admin/notices/" + id + "/recipients?userId=" + userId).body();
	}

	private List<JsonNode> list() throws Exception {
		List<JsonNode> all = new ArrayList<>();
		sender.get("/api/admin/notices?size=100").body().forEach(all::add);
		return all;
	}

	@Autowired
	th.or.dga.budgetbot.line.Followers followers;

	private void awaitUnfollowed(List<String> users) {
		await().atMost(Duration.ofSeconds(10)).until(() -> followers.unfollowedAmong(users).size() == users.size());
	}

}
