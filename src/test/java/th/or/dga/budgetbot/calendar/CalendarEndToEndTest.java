package th.or.dga.budgetbot.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;

import com.fasterxml.jackson.databind.JsonNode;

import th.or.dga.budgetbot.admin.AdminApi;
import th.or.dga.budgetbot.admin.AuditTrail;
import th.or.dga.budgetbot.conversation.Conversation;
import th.or.dga.budgetbot.conversation.Reply;
import th.or.dga.budgetbot.conversation.Speaker;

/**
 * The calendar through the running app's admin API and a real Redis: what it refuses (nothing
 * changes), who may change it, the audit and the event, and the bot's next answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "line.bot.channel-secret=calendar-e2e-secret-0123456789", "line.bot.channel-token=calendar-e2e-token",
				"app.admin.bootstrap-token=" + CalendarEndToEndTest.ADMIN })
@Import(CalendarEndToEndTest.Changes.class)
class CalendarEndToEndTest {

	static final String ADMIN = "calendar-e2e-bootstrap-admin-token-0123456789";

	private static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");

	@LocalServerPort
	int port;

	@Autowired
	Conversation conversation;

	@Autowired
	AuditTrail audit;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	Changes events;

	/** The changes the app announces, from whichever thread answered the request. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Changes {

		private final java.util.Queue<FiscalYearChanged> seen = new java.util.concurrent.ConcurrentLinkedQueue<>();

		@EventListener
		void on(FiscalYearChanged change) {
			seen.add(change);
		}

		java.util.stream.Stream<FiscalYearChanged> stream(Class<FiscalYearChanged> type) {
			return seen.stream();
		}

	}

	private AdminApi editor;

	private AdminApi reader;

	@BeforeEach
	void tokens() throws Exception {
		AdminApi bootstrap = new AdminApi(port, ADMIN);
		editor = bootstrap.as(bootstrap.token("calendar editor", "calendar:write", "read"));
		reader = bootstrap.as(bootstrap.token("calendar reader", "read"));
	}

	@Test
	void seedsFy2564InAllocationFromTheFile() throws Exception {
		AdminApi.Response fy2564 = reader.get("/api/admin/fiscal-years/2564");

		assertThat(fy2564.status()).isEqualTo(200);
		assertThat(fy2564.body().get("state").asText()).isEqualTo("IN_ALLOCATION");
		assertThat(fy2564.body().at("/reason/th").asText()).contains("สำนักงบประมาณ");
		assertThat(reader.get("/api/admin/fiscal-years").body().findValuesAsText("year")).contains("2564");
		assertThat(reader.get("/api/admin/fiscal-years/2699").status()).isEqualTo(404);
	}

	@Test
	void aPutChangesTheBotsAnswerAtOnceAndIsAuditedAndAnnounced() throws Exception {
		int year = unusedYear();
		String question = "ยังยื่นของบบูรณาการรัฐบาลดิจิทัลปี " + year + " ได้ไหมคะ";
		Reply before = ask(question);
		LocalDate deadlineDay = LocalDate.now(BANGKOK).plusDays(10);
		String closes = deadlineDay + "T16:30:00+07:00";

		AdminApi.Response put = editor.put("/api/admin/fiscal-years/" + year,
				Map.of("state", "OPEN", "opens", LocalDate.now(BANGKOK).minusDays(5).toString(), "closes", closes, "reminders",
						List.of("P14D", "P7D", "P1D", "PT2H")));
		Reply after = ask(question);

		assertThat(before.text()).doesNotContain("16:30");
		assertThat(put.status()).as(put.raw().body()).isEqualTo(200);
		assertThat(put.body().get("reminders").toString()).isEqualTo("[\"P14D\",\"P7D\",\"P1D\",\"PT2H\"]");
		assertThat(after.text()).contains(String.valueOf(year))
			.contains(deadlineDay.getDayOfMonth() + " ")
			.contains(String.valueOf(deadlineDay.getYear() + 543) + " เวลา 16:30 น.")
			.contains("เหลือเวลาอีก");
		AuditTrail.Entry entry = audit.latest(20)
			.stream()
			.filter(e -> e.target().equals("fiscal-year/" + year))
			.findFirst()
			.orElseThrow();
		assertThat(entry.action()).isEqualTo("calendar.update");
		assertThat(entry.before().isNull()).isTrue();
		assertThat(entry.after().get("state").asText()).isEqualTo("OPEN");
		assertThat(events.stream(FiscalYearChanged.class).filter(e -> e.year() == year))
			.singleElement()
			.satisfies(e -> assertThat(e.before()).isNull())
			.satisfies(e -> assertThat(e.after().closes()).isEqualTo(OffsetDateTime.parse(closes).toInstant()));

		AdminApi.Response closed = editor.put("/api/admin/fiscal-years/" + year, Map.of("state", "IN_ALLOCATION", "phase",
				Map.of("th", "อยู่ระหว่างการจัดสรร", "en", "being allocated"), "reason",
				Map.of("th", "สำนักงบประมาณกำลังจัดสรร", "en", "the Budget Bureau is allocating")));

		assertThat(closed.status()).isEqualTo(200);
		assertThat(ask(question).text()).contains("สำนักงบประมาณกำลังจัดสรร").doesNotContain("16:30");
		assertThat(events.stream(FiscalYearChanged.class).filter(e -> e.year() == year)).hasSize(2)
			.last()
			.satisfies(e -> assertThat(e.before().state()).isEqualTo(FiscalYearState.OPEN));
	}

	@Test
	void refusesEveryKindOfInvalidBodyAndChangesNothing() throws Exception {
		int year = unusedYear();
		String path = "/api/admin/fiscal-years/" + year;
		Map<String, Object> valid = Map.of("state", "NOT_OPEN", "opens", "2027-12-01T08:30:00+07:00", "closes", "2028-01-31",
				"reminders", List.of("P7D"));
		assertThat(editor.put(path, valid).status()).isEqualTo(200);
		JsonNode stored = editor.get(path).body();
		long auditedBefore = audit.latest(1000).stream().filter(e -> e.target().equals("fiscal-year/" + year)).count();

		Map<Object, String> refused = new java.util.LinkedHashMap<>();
		refused.put(Map.of("state", "OPENED"), "state: must be one of");
		refused.put(Map.of("state", "OPEN", "opens", "2028-02-01", "closes", "2028-01-31"), "closes: must be after opens");
		refused.put(Map.of("state", "OPEN", "opens", "2027-12-01"), "state: OPEN needs both opens and closes");
		refused.put(Map.of("state", "NOT_OPEN", "closes", "2028-01-31", "reminders", List.of("P7D", "P1D", "soon")),
				"reminders[2]: 'soon' is not an ISO-8601 duration");
		refused.put(Map.of("state", "NOT_OPEN", "closes", "2028-01-31", "reminders", List.of("P0D")), "reminders[0]: must be a positive");
		refused.put(Map.of("state", "NOT_OPEN", "closes", "2028-01-31", "reminders", List.of("P800D")), "reminders[0]: at most a year");
		refused.put(Map.of("state", "NOT_OPEN", "closes", "2028-01-31", "reminders",
				java.util.stream.IntStream.rangeClosed(1, 11).mapToObj(i -> "PT" + i + "H").toList()), "reminders: at most 10");
		refused.put(Map.of("state", "NOT_OPEN", "opens", "next week"), "opens: 'next week' is neither a date");
		refused.put(Map.of("state", "CLOSED", "phase", Map.of("th", "ปิด", "en", "closed"), "reason",
				Map.of("th", "x".repeat(501), "en", "closed")), "reason.th: at most 500 characters");
		refused.put(Map.of("state", "CLOSED"), "phase: required for a CLOSED year");
		refused.put(Map.of("year", year + 1, "state", "NOT_OPEN"), "year: " + (year + 1) + " differs");
		for (Map.Entry<Object, String> body : refused.entrySet()) {
			AdminApi.Response response = editor.put(path, body.getKey());

			assertThat(response.status()).as(body.getKey().toString()).isEqualTo(422);
			assertThat(response.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
					type -> assertThat(type).startsWith("application/problem+json"));
			assertThat(response.body().get("errors").toString()).as(body.getKey().toString()).contains(body.getValue());
		}
		AdminApi.Response outOfRange = editor.put("/api/admin/fiscal-years/2701", Map.of("state", "NOT_OPEN"));
		AdminApi.Response unreadable = editor.put(path, "{\"state\": \"OPEN\", ");
		AdminApi.Response wrongType = editor.put(path, "{\"state\": \"NOT_OPEN\", \"reminders\": {\"a\": 1}}");
		AdminApi.Response notAllowed = reader.put(path, Map.of("state", "CLOSED"));

		assertThat(outOfRange.status()).isEqualTo(422);
		assertThat(outOfRange.body().get("errors").toString()).contains("year: must be a B.E. year from 2500 to 2700");
		assertThat(unreadable.status()).isEqualTo(400);
		assertThat(wrongType.status()).isEqualTo(400);
		assertThat(wrongType.body().toString()).contains("reminders");
		assertThat(notAllowed.status()).isEqualTo(403);
		assertThat(editor.get(path).body()).isEqualTo(stored);
		assertThat(redis.opsForHash().hasKey(RedisFiscalYears.KEY, "2701")).isFalse();
		assertThat(audit.latest(1000).stream().filter(e -> e.target().equals("fiscal-year/" + year)).count())
			.isEqualTo(auditedBefore);
		assertThat(events.stream(FiscalYearChanged.class).filter(e -> e.year() == year)).hasSize(1);
	}

	private Reply ask(String question) {
		return conversation.answer(Speaker.user("U" + UUID.randomUUID().toString().replace("-", "")), question);
	}

	/** A year no other test touches, in the Redis the tests share. */
	private static int unusedYear() {
		return ThreadLocalRandom.current().nextInt(2600, 2700);
	}

}
