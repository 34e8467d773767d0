package th.or.dga.budgetbot.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import th.or.dga.budgetbot.MutableClock;
import th.or.dga.budgetbot.admin.AdminApi;
import th.or.dga.budgetbot.agency.LinkedStaff;
import th.or.dga.budgetbot.agency.StaffLinking;
import th.or.dga.budgetbot.agency.SubmissionStatusChanged;
import th.or.dga.budgetbot.calendar.ThaiDates;
import th.or.dga.budgetbot.hashing.UserIdHashes;
import th.or.dga.budgetbot.language.Language;
import th.or.dga.budgetbot.line.LineMessagingStub;
import th.or.dga.budgetbot.line.StubLine;
import th.or.dga.budgetbot.line.WebhookClient;

/**
 * Allocation alerts through the running app, a real Redis and a stub LINE API that checks every
 * request against LINE's spec: a request reaching ALLOCATED through the admin API alerts its
 * agency's staff once, several within the window as one message, and a signed postback
 * webhook acknowledges it; without one the clock moves a day on and the alert is resent once
 * and listed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "line.bot.channel-secret=" + AlertEndToEndTest.SECRET, "line.bot.channel-token=" + AlertEndToEndTest.TOKEN,
				"app.admin.bootstrap-token=" + AlertEndToEndTest.ADMIN, "app.notices.quiet-hours=off",
				"app.notices.backoff=20ms", "app.notices.max-backoff=100ms", "app.line.reply-timeout=1s",
				"app.alerts.allocation-window=PT2S", "app.alerts.sweep-every=1h" })
@Import({ StubLine.Messaging.class, MutableClock.AsAppClock.class, AlertEndToEndTest.StatusChanges.class })
class AlertEndToEndTest {

	static final String SECRET = "alert-e2e-secret-0123456789";

	static final String TOKEN = "alert-e2e-channel-token";

	static final String ADMIN = "alert-e2e-bootstrap-admin-token-0123456789";

	static final Duration WINDOW = Duration.ofSeconds(2);

	@LocalServerPort
	int port;

	@Autowired
	LineMessagingStub line;

	@Autowired
	StaffLinking linking;

	@Autowired
	MutableClock clock;

	@Autowired
	StatusChanges changes;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	AlertSweeper sweeper;

	@Autowired
	Acknowledgements acknowledgements;

	@Autowired
	UserIdHashes hashes;

	private AdminApi bootstrap;

	private AdminApi reader;

	/** Every status change published, to publish one again. */
	static class StatusChanges {

		final List<SubmissionStatusChanged> seen = new CopyOnWriteArrayList<>();

		@EventListener
		void on(SubmissionStatusChanged change) {
			seen.add(change);
		}

	}

	@BeforeEach
	void setUp() throws Exception {
		line.reset();
		bootstrap = new AdminApi(port, ADMIN);
		reader = bootstrap.as(bootstrap.token("reader", "read"));
	}

	@Test
	void alertsTheAgencysStaffOnceWhenARequestIsAllocatedAndNotForTheStepsBefore() throws Exception {
		String agency = prefix();
		List<String> staff = agencyWithStaff(agency, 3);
		putSubmission(agency, "REQ-1", Map.of("fiscalYear", 2570, "title", "โครงการระบบบริการดิจิทัล", "amountRequested",
				"2000000.00", "status", "SUBMITTED"));
		for (String status : List.of("UNDER_REVIEW", "APPROVED")) {
			putSubmission(agency, "REQ-1", Map.of("status", status));
		}
		assertThat(redis.opsForZSet().score(PendingAllocations.DUE, agency)).as("no window opened before ALLOCATED").isNull();

		Map<String, Object> allocated = Map.of("status", "ALLOCATED", "allocatedAmount", "1250000.00");
		putSubmission(agency, "REQ-1", allocated);
		putSubmission(agency, "REQ-1", allocated);
		SubmissionStatusChanged change = changes.seen.stream()
			.filter(c -> c.agency().equals(agency) && c.to().name().equals("ALLOCATED"))
			.findFirst()
			.orElseThrow();
		events.publishEvent(change);
		clock.advance(WINDOW);

		String id = "allocation:" + agency + ":REQ-1:" + change.at().toEpochMilli();
		awaitDone(id);
		events.publishEvent(change);
		assertThat(redis.opsForZSet().score(PendingAllocations.DUE, agency)).as("the same change again opens no window")
			.isNull();
		sweeper.sweep();

		assertThat(staff).allSatisfy(user -> assertThat(line.deliveries(user)).isEqualTo(1));
		assertThat(line.duplicates()).isEmpty();
		JsonNode message = line.messagesTo(staff.get(0)).get(0).get(0);
		String date = ThaiDates.format(LocalDate.ofInstant(change.at(), ZoneId.of("Asia/Bangkok")), Language.TH);
		assertThat(message.get("text").asText()).contains("REQ-1", "โครงการระบบบริการดิจิทัล", "1,250,000.00 บาท", date);
		JsonNode action = message.at("/quickReply/items/0/action");
		assertThat(action.get("label").asText()).isEqualTo("รับทราบ");
		assertThat(action.get("data").asText()).startsWith("ack=").hasSizeLessThanOrEqualTo(300);
		JsonNode listed = reader.get("/api/admin/notices?size=100").body();
		assertThat(listed.findValuesAsText("id")).contains(id);
		line.assertEveryRequestValid();
	}

	@Test
	void twoAllocationsWithinTheWindowGoOutAsOneMessageNamingBoth() throws Exception {
		String agency = prefix();
		List<String> staff = agencyWithStaff(agency, 2);
		allocate(agency, "REQ-A", "โครงการแรก", "500000.00");
		allocate(agency, "REQ-B", "โครงการที่สอง", "750000.50");
		clock.advance(WINDOW);

		await().atMost(Duration.ofSeconds(20)).until(() -> staff.stream().allMatch(u -> line.deliveries(u) == 1));
		assertThat(redis.opsForHash().size(PendingAllocations.TAKEN)).isZero();

		List<JsonNode> sent = line.messagesTo(staff.get(0));
		assertThat(sent).hasSize(1);
		assertThat(sent.get(0).get(0).get("text").asText()).contains("2 รายการ", "REQ-A", "500,000.00 บาท", "REQ-B",
				"750,000.50 บาท");
		assertThat(staff).allSatisfy(user -> assertThat(line.deliveries(user)).isEqualTo(1));
		line.assertEveryRequestValid();
	}

	@Test
	void aTapOnAcknowledgeByTheAgencysStaffRecordsItAndNothingIsResent() throws Exception {
		String agency = prefix();
		List<String> staff = agencyWithStaff(agency, 2);
		String other = agencyWithStaff(prefix(), 1).get(0);
		allocate(agency, "REQ-1", "โครงการ", "100.00");
		clock.advance(WINDOW);
		await().atMost(Duration.ofSeconds(20)).until(() -> staff.stream().allMatch(u -> line.deliveries(u) == 1));
		String data = line.messagesTo(staff.get(0)).get(0).get(0).at("/quickReply/items/0/action/data").asText();
		String token = data.substring("ack=".length());

		assertThat(tap(other, data)).contains("เท่านั้น").doesNotContain("บันทึกแล้ว");
		assertThat(acknowledgements.find(token).orElseThrow().acknowledgedAt()).isNull();
		assertThat(tap(staff.get(1), data)).contains("บันทึกแล้ว", agency);
		assertThat(tap(staff.get(0), data)).contains("ไว้แล้ว");

		Acknowledgements.Alert alert = acknowledgements.find(token).orElseThrow();
		assertThat(alert.acknowledgedBy()).isEqualTo(hashes.hash(staff.get(1)));
		assertThat(alert.acknowledgedAt()).isEqualTo(clock.instant());
		clock.advance(Duration.ofHours(25));
		sweeper.sweep();
		assertThat(staff).allSatisfy(user -> assertThat(line.deliveries(user)).isEqualTo(1));
		assertThat(reader.get("/api/admin/alerts/unacknowledged").body().findValuesAsText("agency")).doesNotContain(agency);
		line.assertEveryRequestValid();
	}

	@Test
	void anAlertNobodyAcknowledgesIsResentOnceAndListedAsUnacknowledged() throws Exception {
		String agency = prefix();
		List<String> staff = agencyWithStaff(agency, 2);
		allocate(agency, "REQ-1", "โครงการ", "100.00");
		clock.advance(WINDOW);
		await().atMost(Duration.ofSeconds(20)).until(() -> staff.stream().allMatch(u -> line.deliveries(u) == 1));
		sweeper.sweep();
		assertThat(reader.get("/api/admin/alerts/unacknowledged").body().findValuesAsText("agency")).doesNotContain(agency);

		clock.advance(Duration.ofHours(24).plusMinutes(1));
		sweeper.sweep();
		sweeper.sweep();

		await().atMost(Duration.ofSeconds(20)).until(() -> staff.stream().allMatch(u -> line.deliveries(u) == 2));
		List<JsonNode> sent = line.messagesTo(staff.get(0));
		assertThat(sent.get(1).get(0).get("text").asText()).startsWith("แจ้งซ้ำ").contains("REQ-1");
		assertThat(sent.get(1).get(0).at("/quickReply/items/0/action/data").asText())
			.isEqualTo(sent.get(0).get(0).at("/quickReply/items/0/action/data").asText());
		JsonNode listed = reader.get("/api/admin/alerts/unacknowledged").body();
		JsonNode entry = null;
		for (JsonNode e : listed) {
			if (e.get("agency").asText().equals(agency)) {
				entry = e;
			}
		}
		assertThat(entry).isNotNull();
		assertThat(entry.get("noticeId").asText()).startsWith("allocation:" + agency + ":REQ-1:");
		assertThat(entry.get("sentAt").isNull()).isFalse();
		assertThat(entry.get("resentAt").isNull()).isFalse();
		clock.advance(Duration.ofHours(25));
		sweeper.sweep();
		assertThat(staff).allSatisfy(user -> assertThat(line.deliveries(user)).isEqualTo(2));

		assertThat(tap(staff.get(0), sent.get(1).get(0).at("/quickReply/items/0/action/data").asText())).contains("บันทึกแล้ว");
		assertThat(reader.get("/api/admin/alerts/unacknowledged").body().findValuesAsText("agency")).doesNotContain(agency);
		AdminApi.Response none = reader.get("/api/admin/alerts/unacknowledged?limit=0");
		assertThat(none.status()).isEqualTo(400);
		assertThat(none.body().get("errors").get(0).asText()).isEqualTo("limit: must be 1 to 500, not 0");
		line.assertEveryRequestValid();
	}

	/** The user taps a button of an alert; returns the bot's reply text. */
	private String tap(String userId, String data) throws Exception {
		return WebhookClient.of(port, SECRET, line).postback(userId, data).at("/messages/0/text").asText();
	}

	private void awaitDone(String id) {
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			var response = reader.get("/api/admin/notices/" + id);
			return response.status() == 200 && response.body().get("status").asText().equals("DONE");
		});
	}

	private void allocate(String agency, String requestId, String title, String amount) throws Exception {
		putSubmission(agency, requestId, Map.of("fiscalYear", 2570, "title", title, "amountRequested", amount, "status",
				"SUBMITTED"));
		for (String status : List.of("UNDER_REVIEW", "APPROVED")) {
			putSubmission(agency, requestId, Map.of("status", status));
		}
		putSubmission(agency, requestId, Map.of("status", "ALLOCATED", "allocatedAmount", amount));
	}

	private void putSubmission(String agency, String requestId, Map<String, Object> body) throws Exception {
		assertThat(bootstrap.put("/api/admin/agencies/" + agency + "/submissions/" + requestId, body).status()).isIn(200, 201);
	}

	private List<String> agencyWithStaff(String code, int count) throws Exception {
		return LinkedStaff.agencyWithStaff(bootstrap, linking, code, null, count);
	}

	private static String prefix() {
		return "AL" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36).toUpperCase();
	}

}
