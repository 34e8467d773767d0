package th.or.dga.budgetbot.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;

import th.or.dga.budgetbot.MutableClock;
import th.or.dga.budgetbot.admin.AdminApi;
import th.or.dga.budgetbot.agency.LinkedStaff;
import th.or.dga.budgetbot.agency.StaffLinking;
import th.or.dga.budgetbot.calendar.FiscalYear;
import th.or.dga.budgetbot.calendar.FiscalYearState;
import th.or.dga.budgetbot.calendar.ThaiDates;
import th.or.dga.budgetbot.language.Language;
import th.or.dga.budgetbot.line.LineMessagingStub;
import th.or.dga.budgetbot.line.StubLine;
import th.or.dga.budgetbot.line.WebhookClient;

/**
 * Deadline reminders through the running app, a real Redis, Quartz and a stub LINE API that
 * checks every request against LINE's spec. The calendar is edited through the admin API; the
 * application clock is a {@link MutableClock}. Quiet hours are set around the time the test
 * starts, so a reminder whose deadline comes before their end shows that it goes at once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "line.bot.channel-secret=" + DeadlineReminderEndToEndTest.SECRET,
				"line.bot.channel-token=" + DeadlineReminderEndToEndTest.TOKEN,
				"app.admin.bootstrap-token=" + DeadlineReminderEndToEndTest.ADMIN, "app.notices.backoff=20ms",
				"app.notices.max-backoff=100ms", "app.line.reply-timeout=1s", "app.alerts.sweep-every=1h" })
@Import({ StubLine.Messaging.class, MutableClock.AsAppClock.class })
class DeadlineReminderEndToEndTest {

	static final String SECRET = "reminder-e2e-secret-0123456789";

	static final String TOKEN = "reminder-e2e-channel-token";

	static final String ADMIN = "reminder-e2e-bootstrap-admin-token-0123456789";

	static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");

	/** Quiet hours are this time of day (Bangkok) plus and minus an hour. */
	static final LocalTime QUIET_MIDDLE = LocalTime.now(ZoneId.of("Asia/Bangkok")).truncatedTo(ChronoUnit.MINUTES);

	@LocalServerPort
	int port;

	@Autowired
	LineMessagingStub line;

	@Autowired
	StaffLinking linking;

	@Autowired
	MutableClock clock;

	@Autowired
	DeadlineReminders reminders;

	@Autowired
	ReminderTriggers triggers;

	@Autowired
	ReminderRecords records;

	@Autowired
	AlertSweeper sweeper;

	@Autowired
	Scheduler scheduler;

	private AdminApi bootstrap;

	private AdminApi reader;

	private AdminApi editor;

	@DynamicPropertySource
	static void quietHours(DynamicPropertyRegistry registry) {
		// Quiet from an hour ago to an hour ahead (Bangkok): the tests start inside them.
		DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
		registry.add("app.notices.quiet-hours",
				() -> hhmm.format(QUIET_MIDDLE.minusHours(1)) + "-" + hhmm.format(QUIET_MIDDLE.plusHours(1)));
	}

	/** Years a test opened: closed again after it, so that no other test's sweep sends their reminders. */
	private final List<Integer> opened = new ArrayList<>();

	@AfterEach
	void closeYears() throws Exception {
		for (int year : opened) {
			assertThat(editor.put("/api/admin/fiscal-years/" + year, Map.of("state", "NOT_OPEN")).status()).isEqualTo(200);
			assertThat(triggers.scheduled().keySet()).noneMatch(r -> r.year() == year);
		}
	}

	/** The clock (shared by the tests, only ever moved on) to the middle of the next quiet hours. */
	private void intoQuietHours() {
		ZonedDateTime now = clock.instant().atZone(BANGKOK);
		ZonedDateTime middle = now.with(QUIET_MIDDLE);
		if (middle.isBefore(now)) {
			middle = middle.plusDays(1);
		}
		clock.advance(Duration.between(now, middle));
	}

	@BeforeEach
	void setUp() throws Exception {
		line.reset();
		bootstrap = new AdminApi(port, ADMIN);
		reader = bootstrap.as(bootstrap.token("reader", "read"));
		editor = bootstrap.as(bootstrap.token("calendar editor", "calendar:write", "read"));
	}

	@Test
	void remindsOnlyTheStaffOfAgenciesThatHaveNotSubmittedOnceSkippingThoseWhoOptedOut() throws Exception {
		int year = unusedYear();
		String submitted = code();
		String draft = code();
		String none = code();
		List<String> submittedStaff = agencyWithStaff(submitted, 2);
		List<String> draftStaff = agencyWithStaff(draft, 2);
		List<String> noneStaff = agencyWithStaff(none, 3);
		putSubmission(submitted, "REQ-S", year, "SUBMITTED");
		intoQuietHours();
		putSubmission(draft, "REQ-D", year, "DRAFT");
		putSubmission(draft, "REQ-OTHER", year + 1, "SUBMITTED");
		String optedOut = noneStaff.get(0);
		optOut(optedOut);

		Instant closes = clock.instant().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
		Reminder reminder = new Reminder(year, Duration.ofMinutes(10).minusSeconds(1));
		putYear(year, closes, List.of(reminder.offsetText()));
		clock.advance(Duration.ofSeconds(1));

		// The real trigger fires about a second later.
		JsonNode notice = awaitDone(reminder.id());
		List<String> expected = new ArrayList<>(draftStaff);
		expected.addAll(noneStaff.subList(1, 3));
		assertThat(expected).allSatisfy(user -> assertThat(line.deliveries(user)).isEqualTo(1));
		assertThat(submittedStaff).allSatisfy(user -> assertThat(line.deliveries(user)).isZero());
		assertThat(line.deliveries(optedOut)).isZero();
		assertThat(notice.get("kind").asText()).isEqualTo("deadline");
		assertThat(notice.get("respectQuietHours").asBoolean()).as("waiting for quiet hours would pass the deadline").isFalse();

		JsonNode message = line.messagesTo(draftStaff.get(0)).get(0).get(0);
		assertThat(message.get("text").asText()).contains("ปีงบประมาณ " + year, ThaiDates.format(closes, Language.TH),
				"เหลืออีก 9 นาที", "FY" + year);
		JsonNode items = message.at("/quickReply/items");
		assertThat(items.findValuesAsText("text")).contains("สถานะคำขอของหน่วยงานเรา");
		assertThat(items.findValuesAsText("label")).contains("รับทราบ");

		// The job run again (as a recovered job on another node would), the service, and the sweep send nothing more.
		triggers.schedule(reminder, clock.instant());
		await().atMost(Duration.ofSeconds(10)).until(() -> !scheduler.checkExists(JobKey.jobKey(reminder.id(), AllocationTriggers.GROUP)));
		assertThat(reminders.remind(reminder)).isEqualTo(DeadlineReminders.Outcome.ALREADY_SENT);
		sweeper.sweep();
		assertThat(expected).allSatisfy(user -> assertThat(line.deliveries(user)).isEqualTo(1));
		// (Other tests' agencies have not submitted either, and may be due a resend of their own.)
		assertThat(line.duplicates()).doesNotContainAnyElementsOf(expected);
		line.assertEveryRequestValid();
	}

	@Test
	void offsetsAreTakenBeforeTheDeadlineInBangkokTimeAndTheMessageSaysSo() throws Exception {
		int year = unusedYear();
		Instant closes = OffsetDateTime.of(2027, 1, 29, 16, 30, 0, 0, ZoneOffset.ofHours(7)).toInstant();
		if (!closes.isAfter(clock.instant().plus(Duration.ofDays(15)))) {
			closes = clock.instant().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.HOURS);
		}
		putYear(year, closes, List.of("P14D", "P1D", "PT2H"));

		Map<Reminder, Instant> scheduled = triggers.scheduled();
		assertThat(scheduled).containsEntry(new Reminder(year, Duration.ofDays(14)), closes.minus(Duration.ofDays(14)))
			.containsEntry(new Reminder(year, Duration.ofDays(1)), closes.minus(Duration.ofDays(1)))
			.containsEntry(new Reminder(year, Duration.ofHours(2)), closes.minus(Duration.ofHours(2)));
		var local = closes.minus(Duration.ofHours(2)).atZone(BANGKOK);
		assertThat(local.toLocalTime()).isEqualTo(closes.atZone(BANGKOK).toLocalTime().minusHours(2));
		Instant fireAt = scheduler.getTrigger(TriggerKey.triggerKey("deadline:" + year + ":P1D", AllocationTriggers.GROUP))
			.getNextFireTime()
			.toInstant();
		Duration expectedWait = Duration.between(clock.instant(), closes.minus(Duration.ofDays(1)));
		assertThat(Duration.between(Instant.now(), fireAt).minus(expectedWait).abs()).isLessThan(Duration.ofSeconds(30));

		FiscalYear fy = new FiscalYear(year, FiscalYearState.OPEN, null,
				OffsetDateTime.of(2027, 1, 29, 16, 30, 0, 0, ZoneOffset.ofHours(7)).toInstant(), List.of(), null, null);
		assertThat(AlertMessages.deadlineText(fy, Duration.ofDays(1), false)).contains("29 ม.ค. 2570 เวลา 16:30 น.",
				"เหลืออีก 1 วัน", "29 Jan 2027, 16:30 (Bangkok time)").doesNotContain("รับทราบ");
	}

	@Test
	void aCalendarChangeMovesTheTriggerSoTheOldTimeDoesNotFireAndTheNewOneDoes() throws Exception {
		int year = unusedYear();
		List<String> staff = agencyWithStaff(code(), 1);
		Instant closes = clock.instant().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
		Reminder reminder = new Reminder(year, Duration.ofMinutes(10).minusSeconds(3));
		putYear(year, closes, List.of(reminder.offsetText()));
		Instant movedCloses = closes.plus(Duration.ofMinutes(10));
		putYear(year, movedCloses, List.of(reminder.offsetText()));

		assertThat(triggers.scheduled()).containsEntry(reminder, movedCloses.minus(reminder.offset()));
		// The old time (3 s ahead) passes with nothing sent.
		clock.advance(Duration.ofSeconds(3));
		await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8)).until(() -> line.deliveries(staff.get(0)) == 0);
		assertThat(records.sent(reminder)).isFalse();

		// At the new time the trigger's job sends it (fired now rather than waiting ten minutes).
		clock.advance(Duration.ofMinutes(10));
		scheduler.triggerJob(JobKey.jobKey(reminder.id(), AllocationTriggers.GROUP));
		await().atMost(Duration.ofSeconds(20)).until(() -> line.deliveries(staff.get(0)) == 1);

		// Removed from the calendar's reminders: its trigger goes.
		putYear(year, movedCloses.plus(Duration.ofHours(1)), List.of("PT1M"));
		assertThat(triggers.scheduled()).doesNotContainKey(reminder).containsKey(new Reminder(year, Duration.ofMinutes(1)));
		line.assertEveryRequestValid();
	}

	@Test
	void aReminderMissedWhileTheAppWasDownIsSentAtStartWhileTheDeadlineIsAhead() throws Exception {
		int year = unusedYear();
		List<String> staff = agencyWithStaff(code(), 2);
		Instant closes = clock.instant().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
		putYear(year, closes, List.of("PT2H", "PT1H"));
		// Down: the in-memory store forgets its triggers, and the clock moves past both reminders.
		scheduler.deleteJob(JobKey.jobKey("deadline:" + year + ":PT2H", AllocationTriggers.GROUP));
		scheduler.deleteJob(JobKey.jobKey("deadline:" + year + ":PT1H", AllocationTriggers.GROUP));
		clock.advance(Duration.ofHours(2).plusMinutes(30));

		reminders.sweep();

		JsonNode notice = awaitDone("deadline:" + year + ":PT1H");
		assertThat(notice.get("respectQuietHours").asBoolean()).isTrue();
		await().atMost(Duration.ofSeconds(20)).until(() -> staff.stream().allMatch(u -> line.deliveries(u) == 1));
		assertThat(reader.get("/api/admin/notices/deadline:" + year + ":PT2H").status()).isEqualTo(404);
		assertThat(records.skippedRecord(new Reminder(year, Duration.ofHours(2))).orElseThrow().reason()).contains("superseded");
		reminders.sweep();
		assertThat(staff).allSatisfy(u -> assertThat(line.deliveries(u)).isEqualTo(1));
		line.assertEveryRequestValid();
	}

	@Test
	void aReminderMissedWhileTheAppWasDownIsSkippedAndRecordedOnceTheDeadlinePassed() throws Exception {
		int year = unusedYear();
		List<String> staff = agencyWithStaff(code(), 1);
		Instant closes = clock.instant().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
		putYear(year, closes, List.of("PT1H"));
		scheduler.deleteJob(JobKey.jobKey("deadline:" + year + ":PT1H", AllocationTriggers.GROUP));
		clock.advance(Duration.ofHours(2).plusMinutes(1));

		reminders.sweep();

		ReminderRecords.Skipped skipped = records.skippedRecord(new Reminder(year, Duration.ofHours(1))).orElseThrow();
		assertThat(skipped.reason()).contains("deadline");
		assertThat(skipped.due()).isEqualTo(closes.minus(Duration.ofHours(1)));
		JsonNode listed = reader.get("/api/admin/alerts/reminders/skipped").body();
		assertThat(listed.findValuesAsText("year")).contains(String.valueOf(year));
		// And the job, if its trigger still fired late, skips too.
		assertThat(reminders.remind(new Reminder(year, Duration.ofHours(1)))).isEqualTo(DeadlineReminders.Outcome.SKIPPED);
		assertThat(reader.get("/api/admin/notices/deadline:" + year + ":PT1H").status()).isEqualTo(404);
		assertThat(line.deliveries(staff.get(0))).isZero();
	}

	@Test
	void aReminderKeepsQuietHoursWhenTheirEndIsStillBeforeTheDeadline() throws Exception {
		int year = unusedYear();
		List<String> staff = agencyWithStaff(code(), 1);
		intoQuietHours();
		Instant closes = clock.instant().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
		Reminder reminder = new Reminder(year, Duration.ofHours(3).minusSeconds(1));
		putYear(year, closes, List.of(reminder.offsetText()));
		clock.advance(Duration.ofSeconds(1));

		assertThat(reminders.remind(reminder)).isIn(DeadlineReminders.Outcome.SENT, DeadlineReminders.Outcome.ALREADY_SENT);

		JsonNode notice = reader.get("/api/admin/notices/" + reminder.id()).body();
		assertThat(notice.get("respectQuietHours").asBoolean()).isTrue();
		assertThat(notice.get("status").asText()).isEqualTo("SCHEDULED");
		assertThat(Instant.parse(notice.get("startAt").asText())).isAfter(clock.instant()).isBefore(closes);
		assertThat(line.deliveries(staff.get(0))).isZero();
	}

	@Test
	void theLastReminderAsksEachAgencyToAcknowledgeAndOneThatDoesNotIsResentOnceAndListed() throws Exception {
		int year = unusedYear();
		String tapping = code();
		String silent = code();
		List<String> tappingStaff = agencyWithStaff(tapping, 2);
		List<String> silentStaff = agencyWithStaff(silent, 1);
		intoQuietHours();
		Instant closes = clock.instant().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
		Reminder reminder = new Reminder(year, Duration.ofMinutes(10).minusSeconds(1));
		putYear(year, closes, List.of(reminder.offsetText()));
		clock.advance(Duration.ofSeconds(1));
		awaitDone(reminder.id());
		String data = line.messagesTo(tappingStaff.get(0)).get(0).get(0).at("/quickReply/items/1/action/data").asText();
		assertThat(data).startsWith("ack=");

		assertThat(tap(tappingStaff.get(1), data)).contains("บันทึกแล้ว", tapping);
		// Half the time to the deadline passes: the agency that did not tap gets it once more.
		clock.advance(Duration.ofMinutes(6));
		sweeper.sweep();
		sweeper.sweep();

		await().atMost(Duration.ofSeconds(20)).until(() -> line.deliveries(silentStaff.get(0)) == 2);
		assertThat(line.messagesTo(silentStaff.get(0)).get(1).get(0).get("text").asText()).startsWith("แจ้งซ้ำ");
		assertThat(tappingStaff).allSatisfy(u -> assertThat(line.deliveries(u)).isEqualTo(1));
		JsonNode listed = reader.get("/api/admin/alerts/unacknowledged?limit=500").body();
		List<String> agencies = new ArrayList<>();
		for (JsonNode entry : listed) {
			if (entry.get("noticeId").asText().equals(reminder.id())) {
				agencies.add(entry.get("agency").asText());
			}
		}
		assertThat(agencies).contains(silent).doesNotContain(tapping);
		line.assertEveryRequestValid();
	}

	private void optOut(String user) throws Exception {
		// The opt-out is stored before the bot confirms it.
		WebhookClient.of(port, SECRET, line).say(user, "หยุดแจ้งเตือน");
	}

	private String tap(String userId, String data) throws Exception {
		return WebhookClient.of(port, SECRET, line).postback(userId, data).at("/messages/0/text").asText();
	}

	private void putYear(int year, Instant closes, List<String> offsets) throws Exception {
		AdminApi.Response put = editor.put("/api/admin/fiscal-years/" + year,
				Map.of("state", "OPEN", "opens", closes.minus(Duration.ofDays(30)).atOffset(ZoneOffset.ofHours(7)).toString(),
						"closes", closes.atOffset(ZoneOffset.ofHours(7)).toString(), "reminders", offsets));
		assertThat(put.status()).as(put.raw().body()).isEqualTo(200);
		opened.add(year);
	}

	private JsonNode awaitDone(String id) {
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			var response = reader.get("/api/admin/notices/" + id);
			return response.status() == 200 && response.body().get("status").asText().equals("DONE");
		});
		try {
			return reader.get("/api/admin/notices/" + id).body();
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	private void putSubmission(String agency, String requestId, int year, String status) throws Exception {
		Map<String, Object> body = Map.of("fiscalYear", year, "title", "โครงการ " + requestId, "amountRequested", "1000.00",
				"status", status);
		assertThat(bootstrap.put("/api/admin/agencies/" + agency + "/submissions/" + requestId, body).status()).isIn(200, 201);
	}

	private List<String> agencyWithStaff(String code, int count) throws Exception {
		return LinkedStaff.agencyWithStaff(bootstrap, linking, code, null, count);
	}

	private static int unusedYear() {
		return ThreadLocalRandom.current().nextInt(2600, 2700);
	}

	private static String code() {
		return "RM" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36).toUpperCase();
	}

}
