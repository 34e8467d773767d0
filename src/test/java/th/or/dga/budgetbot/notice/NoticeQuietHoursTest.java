package th.or.dga.budgetbot.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import com.fasterxml.jackson.databind.JsonNode;

import th.or.dga.budgetbot.MutableClock;
import th.or.dga.budgetbot.admin.AdminApi;
import th.or.dga.budgetbot.line.LineMessagingStub;
import th.or.dga.budgetbot.line.LineMessagingStub.Endpoint;
import th.or.dga.budgetbot.line.StubLine;

/**
 * Quiet hours as the app keeps them by default (21:00-07:00 in Bangkok), with the app's clock at
 * 22:00 Bangkok time: a notice waits for seven in the morning unless it says otherwise.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "line.bot.channel-secret=quiet-hours-secret-0123456789", "line.bot.channel-token=" + NoticeQuietHoursTest.TOKEN,
				"app.admin.bootstrap-token=" + NoticeQuietHoursTest.ADMIN })
@Import(StubLine.Messaging.class)
class NoticeQuietHoursTest {

	static final String TOKEN = "quiet-hours-channel-token";

	static final String ADMIN = "quiet-hours-bootstrap-admin-token-0123456789";

	private static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");

	@LocalServerPort
	int port;

	@Autowired
	LineMessagingStub line;

	@Autowired
	MutableClock clock;

	@TestConfiguration
	static class Clocks {

		/** Ten in the evening in Bangkok, today or tomorrow. */
		@Bean
		@Primary
		MutableClock tenInTheEvening() {
			MutableClock clock = new MutableClock();
			ZonedDateTime now = clock.instant().atZone(BANGKOK);
			ZonedDateTime ten = now.with(LocalTime.of(22, 0));
			if (!ten.isAfter(now)) {
				ten = ten.plusDays(1);
			}
			clock.advance(Duration.between(now, ten));
			return clock;
		}

	}

	@Test
	void aNoticeInsideQuietHoursWaitsForSevenInTheMorningAndOneThatSaysSoGoesAtOnce() throws Exception {
		AdminApi admin = new AdminApi(port, ADMIN);
		String user = "U" + UUID.randomUUID().toString().replace("-", "");
		Instant seven = clock.instant().atZone(BANGKOK).plusDays(1).with(LocalTime.of(7, 0)).toInstant();

		AdminApi.Response deferred = admin.post("/api/admin/notices",
				Map.of("audience", Map.of("type", "users", "userIds", List.of(user)), "messages",
						List.of(Map.of("type", "text", "text", "ตอนเช้า"))),
				Map.of("Idempotency-Key", UUID.randomUUID().toString()));

		assertThat(deferred.status()).isEqualTo(202);
		JsonNode notice = deferred.body();
		assertThat(notice.get("status").asText()).isEqualTo("SCHEDULED");
		assertThat(notice.get("deferredByQuietHours").asBoolean()).isTrue();
		assertThat(Instant.parse(notice.get("startAt").asText())).isEqualTo(seven);
		assertThat(line.requests(Endpoint.PUSH)).isEmpty();

		AdminApi.Response urgent = admin.post("/api/admin/notices",
				Map.of("audience", Map.of("type", "users", "userIds", List.of(user)), "messages",
						List.of(Map.of("type", "text", "text", "ด่วน: ระบบขัดข้อง")), "respectQuietHours", false),
				Map.of("Idempotency-Key", UUID.randomUUID().toString()));

		assertThat(urgent.status()).isEqualTo(202);
		assertThat(urgent.body().get("status").asText()).isEqualTo("SENDING");
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> line.deliveries(user) == 1);
		assertThat(line.requests(Endpoint.PUSH)).singleElement()
			.satisfies(r -> assertThat(r.body()).contains("ด่วน"));
		admin.post("/api/admin/notices/" + notice.get("id").asText() + "/cancel", "{}", Map.of());
	}

}
