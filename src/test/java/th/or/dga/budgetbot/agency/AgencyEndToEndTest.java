package th.or.dga.budgetbot.agency;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import th.or.dga.budgetbot.MutableClock;
import th.or.dga.budgetbot.line.LineApiStub;
import th.or.dga.budgetbot.line.LineContract;
import th.or.dga.budgetbot.line.StubLine;
import th.or.dga.budgetbot.line.WebhookClient;
import th.or.dga.budgetbot.line.Webhooks;

/**
 * Agency staff and admins through the running app, a real Redis and a stub LINE API: link an
 * account with a code, ask for the agency's requests in several phrasings, and see no other
 * agency's; the admin API's roles, transitions, CSV import and audit trail.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "line.bot.channel-secret=" + AgencyEndToEndTest.SECRET, "line.bot.channel-token=agency-e2e-token",
				"app.admin.bootstrap-token=" + AgencyEndToEndTest.ADMIN })
@Import({ StubLine.WireMockReplies.class, MutableClock.AsAppClock.class, AgencyEndToEndTest.StatusChanges.class })
class AgencyEndToEndTest {

	static final String SECRET = "agency-e2e-secret-0123456789";

	static final String ADMIN = "bootstrap-admin-token-for-tests-0123456789";

	private final HttpClient http = HttpClient.newHttpClient();

	private final ObjectMapper json = new ObjectMapper();

	@LocalServerPort
	int port;

	@Autowired
	LineApiStub line;

	@Autowired
	MutableClock clock;

	@Autowired
	StatusChanges events;

	@Autowired
	StringRedisTemplate redis;

	/** Records what the app published, from whatever thread published it. */
	static class StatusChanges {

		final List<SubmissionStatusChanged> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

		@org.springframework.context.event.EventListener
		void on(SubmissionStatusChanged event) {
			seen.add(event);
		}

		java.util.stream.Stream<SubmissionStatusChanged> stream() {
			return seen.stream();
		}

	}

	@Test
	void aLinkedOfficerSeesTheAgencysRequestsAsCardsInSeveralPhrasings() throws Exception {
		String agency = newAgency("กรมตัวอย่างหนึ่ง");
		putSubmission(agency, agency + "-64-001", 2564, "ระบบข้อมูลกลาง", "12500000.00", "SUBMITTED");
		putSubmission(agency, agency + "-65-001", 2565, "แพลตฟอร์มบริการ", "3000000.50", "DRAFT");
		String user = newUser();

		String linked = say(user, "ผูกบัญชี " + thaiDigitsAndSpaces(linkCode(agency))).at("/messages/0/text").asText();
		assertThat(linked).contains("กรมตัวอย่างหนึ่ง");

		JsonNode all = say(user, "คำขอของหน่วยงานเราถึงไหนแล้วคะ");
		assertThat(all.at("/messages/0/type").asText()).isEqualTo("flex");
		assertThat(all.at("/messages/0/contents/contents")).hasSize(2);
		String fy2564Card = all.at("/messages/0/contents/contents").toString();
		assertThat(fy2564Card).contains("12,500,000.00 บาท").contains("ยื่นคำขอแล้ว / Submitted").contains("สำนักงบประมาณ");
		assertThat(all.at("/messages/0/altText").asText()).contains(agency + "-64-001");

		JsonNode fy2565 = say(user, "status of our FY2565 request");
		assertThat(fy2565.at("/messages/0/contents/contents")).hasSize(1);
		assertThat(fy2565.at("/messages/0/contents/contents/0").toString()).contains("Draft").contains("THB 3,000,000.50");

		JsonNode one = say(user, "โครงการ " + agency.toLowerCase() + "-64-001 ถึงไหนแล้ว");
		assertThat(one.at("/messages/0/contents/contents")).hasSize(1);
		assertThat(one.at("/messages/0/contents/contents/0").toString()).contains("ระบบข้อมูลกลาง");

		line.replyRequests().forEach(LineContract::assertValidMessagingApiRequest);
	}

	@Test
	void anotherAgencysRequestIdIsNotFoundExactlyAsAMissingOne() throws Exception {
		String first = newAgency("กรมที่หนึ่ง");
		String second = newAgency("กรมที่สอง");
		putSubmission(first, first + "-64-009", 2564, "โครงการลับ", "100.00", "SUBMITTED");
		String outsider = newUser();
		say(outsider, "link " + linkCode(second));

		String foreign = say(outsider, "คำขอ " + first + "-64-009 สถานะอะไรคะ").at("/messages/0/text").asText();
		String missing = say(outsider, "คำขอ " + first + "-64-999 สถานะอะไรคะ").at("/messages/0/text").asText();

		assertThat(foreign).doesNotContain("โครงการลับ").contains("ไม่พบคำขอ");
		assertThat(foreign.replace("-64-009", "-64-999")).isEqualTo(missing);
	}

	@Test
	void anUnlinkedOfficerIsToldHowToLinkAndSeesNoData() throws Exception {
		String text = say(newUser(), "สถานะคำขอของหน่วยงานเราค่ะ").at("/messages/0/text").asText();

		assertThat(text).contains("ผูกบัญชี");
	}

	@Test
	void aCodeWorksOnceAndNotAfterItExpires() throws Exception {
		String agency = newAgency("กรมรหัส");
		String code = linkCode(agency);
		say(newUser(), "ผูกบัญชี " + code);

		assertThat(say(newUser(), "ผูกบัญชี " + code).at("/messages/0/text").asText()).contains("ถูกใช้ไปแล้ว");
		String late = linkCode(agency);
		clock.advance(Duration.ofHours(73));
		assertThat(say(newUser(), "link " + late).at("/messages/0/text").asText()).contains("expired");
		assertThat(say(newUser(), "ผูกบัญชี ZZZZZ-ZZZZZ").at("/messages/0/text").asText()).contains("ไม่ถูกต้อง");
	}

	/**
	 * README: five wrong codes within an hour lock linking for that officer for an hour. Counted
	 * with literals, not the class's constants, so that changing either number fails here.
	 */
	@Test
	void theFifthWrongCodeWithinAnHourLocksLinkingForAnHourEvenForTheRightCode() throws Exception {
		String agency = newAgency("กรมล็อก");
		String user = newUser();
		for (int i = 1; i <= 4; i++) {
			assertThat(sayNow(user, "ผูกบัญชี WRONG-" + (10000 + i))).as("wrong code %d", i).startsWith("รหัสผูกบัญชีไม่ถูกต้อง");
			clock.advance(Duration.ofMinutes(14));
		}

		String locked = sayNow(user, "ผูกบัญชี WRONG-10005");

		assertThat(locked).as("the fifth, 56 minutes after the first").startsWith("ใส่รหัสผิดหลายครั้งเกินไป").contains("1 ชั่วโมง");
		String code = linkCode(agency);
		assertThat(sayNow(user, "ผูกบัญชี " + code)).isEqualTo(locked);
		assertThat(sayNow(user, "คำขอของเราถึงไหนแล้ว")).contains("ผูกบัญชี");
		clock.advance(Duration.ofHours(1).minusMillis(1));
		assertThat(sayNow(user, "ผูกบัญชี " + code)).as("a millisecond before the hour is over").isEqualTo(locked);
		clock.advance(Duration.ofMillis(1));
		assertThat(sayNow(user, "ผูกบัญชี " + code)).as("once the hour is over").contains("กรมล็อก").doesNotContain("ระงับ");
	}

	/**
	 * What the bot answered to a text sent now by the app's clock: LINE stamps an event with the
	 * time it happened, in the same world as the app's clock, which these tests move.
	 */
	private String sayNow(String userId, String text) throws Exception {
		String token = Webhooks.newReplyToken();
		ObjectNode event = Webhooks.text(token, text);
		event.put("timestamp", clock.millis());
		((ObjectNode) event.get("source")).put("userId", userId);
		WebhookClient client = new WebhookClient(port, SECRET, line);
		assertThat(client.post(Webhooks.body(event))).isEqualTo(200);
		return client.awaitReply(token).at("/messages/0/text").asText();
	}

	@Test
	void unlinkingRemovesAccessToTheAgencysData() throws Exception {
		String agency = newAgency("กรมเลิก");
		putSubmission(agency, agency + "-64-001", 2564, "โครงการเลิก", "1.00", "SUBMITTED");
		String user = newUser();
		say(user, "link " + linkCode(agency));

		assertThat(say(user, "ยกเลิกผูกบัญชี").at("/messages/0/text").asText()).contains("กรมเลิก");
		assertThat(say(user, "คำขอของเราถึงไหนแล้ว").at("/messages/0/text").asText()).contains("ผูกบัญชี").doesNotContain("โครงการเลิก");
	}

	@Test
	void theAdminApiNeedsAValidTokenWithTheRightRole() throws Exception {
		assertThat(admin("GET", "/api/admin/agencies", null, null).statusCode()).isEqualTo(401);
		assertThat(admin("GET", "/api/admin/agencies", null, "not-a-token").statusCode()).isEqualTo(401);

		JsonNode reader = json.readTree(admin("POST", "/api/admin/tokens", "{\"name\":\"reader\",\"roles\":[\"read\"]}", ADMIN).body());
		String readToken = reader.get("token").asText();
		assertThat(admin("GET", "/api/admin/agencies", null, readToken).statusCode()).isEqualTo(200);
		HttpResponse<String> forbidden = admin("PUT", "/api/admin/agencies/NOPE", "{\"nameTh\":\"ก\",\"nameEn\":\"A\"}", readToken);
		assertThat(forbidden.statusCode()).isEqualTo(403);
		assertThat(forbidden.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
		assertThat(admin("POST", "/api/admin/tokens", "{\"name\":\"x\",\"roles\":[\"read\"]}", readToken).statusCode())
			.as("only the bootstrap token creates tokens").isEqualTo(403);

		assertThat(admin("DELETE", "/api/admin/tokens/" + reader.get("id").asText(), null, ADMIN).statusCode()).isEqualTo(204);
		assertThat(admin("GET", "/api/admin/agencies", null, readToken).statusCode()).as("revoked").isEqualTo(401);
	}

	@Test
	void anIllegalStatusChangeIsRefusedAndChangesNothing() throws Exception {
		String agency = newAgency("กรมสถานะ");
		putSubmission(agency, "R-1", 2564, "โครงการ", "10.00", "DRAFT");

		HttpResponse<String> refused = admin("PUT", "/api/admin/agencies/" + agency + "/submissions/R-1",
				"{\"status\":\"ALLOCATED\",\"allocatedAmount\":5}", ADMIN);

		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(json.readTree(refused.body()).get("detail").asText()).contains("DRAFT").contains("SUBMITTED");
		JsonNode stored = json.readTree(admin("GET", "/api/admin/agencies/" + agency + "/submissions", null, ADMIN).body());
		assertThat(stored.get(0).get("status").asText()).isEqualTo("DRAFT");
	}

	@Test
	void statusChangesFollowTheProcessAndArePublished() throws Exception {
		String agency = newAgency("กรมจัดสรร");
		putSubmission(agency, "A-1", 2564, "โครงการ", "100.00", "SUBMITTED");
		for (String status : List.of("UNDER_REVIEW", "APPROVED")) {
			assertThat(admin("PUT", "/api/admin/agencies/" + agency + "/submissions/A-1", "{\"status\":\"" + status + "\"}", ADMIN)
				.statusCode()).isEqualTo(200);
		}
		HttpResponse<String> allocated = admin("PUT", "/api/admin/agencies/" + agency + "/submissions/A-1",
				"{\"status\":\"ALLOCATED\",\"allocatedAmount\":\"80.50\"}", ADMIN);

		assertThat(allocated.statusCode()).isEqualTo(200);
		JsonNode body = json.readTree(allocated.body());
		assertThat(body.get("allocatedAmount").decimalValue()).isEqualByComparingTo("80.50");
		assertThat(body.get("history")).hasSize(4);
		assertThat(events.stream().filter(e -> e.agency().equals(agency)).map(e -> e.to()))
			.containsExactly(SubmissionStatus.SUBMITTED, SubmissionStatus.UNDER_REVIEW, SubmissionStatus.APPROVED,
					SubmissionStatus.ALLOCATED);
	}

	@Test
	void aCsvWithABadRowIsRefusedWithItsLineAndWritesNothing() throws Exception {
		String agency = newAgency("กรมนำเข้า");
		String csv = "agency,requestId,fiscalYear,title,amountRequested,status,allocatedAmount\n" + agency
				+ ",C-1,2564,ระบบสารบรรณอิเล็กทรอนิกส์,1500000.00,SUBMITTED,\n" + agency + ",C-2,2564,\"งานพัฒนา, ระยะที่ 2\",abc,DRAFT,\n";

		HttpResponse<String> refused = admin("POST", "/api/admin/submissions/import", csv, ADMIN, "text/csv");

		assertThat(refused.statusCode()).isEqualTo(422);
		assertThat(refused.body()).contains("line 3").contains("amountRequested");
		assertThat(json.readTree(admin("GET", "/api/admin/agencies/" + agency + "/submissions", null, ADMIN).body())).isEmpty();

		HttpResponse<String> imported = admin("POST", "/api/admin/submissions/import", csv.replace(",abc,", ",200.00,"), ADMIN,
				"text/csv");
		assertThat(imported.statusCode()).isEqualTo(200);
		JsonNode stored = json.readTree(admin("GET", "/api/admin/agencies/" + agency + "/submissions", null, ADMIN).body());
		assertThat(stored).hasSize(2);
		assertThat(stored.toString()).contains("ระบบสารบรรณอิเล็กทรอนิกส์").contains("งานพัฒนา, ระยะที่ 2");
	}

	@Test
	void aCsvRowWithAnIllegalTransitionWritesNothingOfTheFile() throws Exception {
		String agency = newAgency("กรมนำเข้าสอง");
		putSubmission(agency, "D-1", 2564, "เดิม", "1.00", "REJECTED");
		String csv = "agency,requestId,fiscalYear,title,amountRequested,status\n" + agency + ",D-2,2564,ใหม่,2.00,DRAFT\n" + agency
				+ ",D-1,2564,เดิม,1.00,SUBMITTED\n";

		HttpResponse<String> refused = admin("POST", "/api/admin/submissions/import", csv, ADMIN, "text/csv");

		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(refused.body()).contains("line 3").contains("REJECTED");
		assertThat(json.readTree(admin("GET", "/api/admin/agencies/" + agency + "/submissions", null, ADMIN).body())).hasSize(1);
	}

	@Test
	void everyWriteIsInTheAuditTrailWithBeforeAndAfter() throws Exception {
		String agency = newAgency("กรมตรวจสอบ");
		admin("PUT", "/api/admin/agencies/" + agency, "{\"nameTh\":\"กรมตรวจสอบใหม่\",\"nameEn\":\"Audit Dept\"}", ADMIN);

		JsonNode trail = json.readTree(admin("GET", "/api/admin/audit?limit=50", null, ADMIN).body());
		JsonNode rename = null;
		for (JsonNode entry : trail) {
			if (entry.get("target").asText().equals("agency/" + agency) && !entry.get("before").isNull()) {
				rename = entry;
				break;
			}
		}
		assertThat(rename).isNotNull();
		assertThat(rename.get("actor").asText()).contains("bootstrap");
		assertThat(rename.at("/before/nameTh").asText()).isEqualTo("กรมตรวจสอบ");
		assertThat(rename.at("/after/nameTh").asText()).isEqualTo("กรมตรวจสอบใหม่");
	}

	@Test
	void servesTheAdminApiDescription() throws Exception {
		HttpResponse<String> docs = http.send(HttpRequest.newBuilder(uri("/v3/api-docs")).build(), HttpResponse.BodyHandlers.ofString());

		assertThat(docs.statusCode()).isEqualTo(200);
		assertThat(docs.body()).contains("/api/admin/agencies/{code}/link-codes").contains("/api/admin/submissions/import");
	}

	@Test
	void absurdAmountsAreRefusedNamingTheFieldAndNothingIsStored() throws Exception {
		String agency = newAgency("กรมจำนวนเงิน");
		for (String amount : List.of("1e1000", "1e10000000", "-5", "1234567890123456", "12.345", "0")) {
			String body = "{\"fiscalYear\":2564,\"title\":\"โครงการ\",\"amountRequested\":" + amount + ",\"status\":\"DRAFT\"}";
			long started = System.nanoTime();
			HttpResponse<String> refused = admin("PUT", "/api/admin/agencies/" + agency + "/submissions/M-1", body, ADMIN);

			assertThat(Duration.ofNanos(System.nanoTime() - started)).as(amount).isLessThan(Duration.ofSeconds(5));
			assertThat(refused.statusCode()).as(amount + ": " + refused.body()).isBetween(400, 499);
			assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
			assertThat(json.readTree(refused.body()).get("detail").asText()).as(amount).startsWith("amountRequested: must be");
		}
		HttpResponse<String> tooLong = admin("PUT", "/api/admin/agencies/" + agency + "/submissions/M-1",
				"{\"fiscalYear\":2564,\"title\":\"x\",\"amountRequested\":\"" + "9".repeat(100_000) + "\",\"status\":\"DRAFT\"}", ADMIN);
		assertThat(tooLong.statusCode()).as("refused before any number is built").isEqualTo(400);
		assertThat(tooLong.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
		putSubmission(agency, "M-2", 2564, "โครงการ", "100.00", "APPROVED");
		HttpResponse<String> allocated = admin("PUT", "/api/admin/agencies/" + agency + "/submissions/M-2",
				"{\"status\":\"ALLOCATED\",\"allocatedAmount\":1e10000000}", ADMIN);
		assertThat(allocated.statusCode()).isBetween(400, 499);
		assertThat(json.readTree(allocated.body()).get("detail").asText()).startsWith("allocatedAmount: must be");

		JsonNode stored = json.readTree(admin("GET", "/api/admin/agencies/" + agency + "/submissions", null, ADMIN).body());
		assertThat(stored).hasSize(1);
		assertThat(stored.get(0).get("status").asText()).isEqualTo("APPROVED");
	}

	@Test
	void aCsvWithAbsurdAmountsIsRefusedNamingLineAndFieldAndWritesNothing() throws Exception {
		String agency = newAgency("กรมจำนวนเงินนำเข้า");
		StringBuilder csv = new StringBuilder("agency,requestId,fiscalYear,title,amountRequested,status,allocatedAmount\n");
		List<String> amounts = List.of("1e1000", "1e10000000", "-5", "1234567890123456", "12.345");
		for (int i = 0; i < amounts.size(); i++) {
			csv.append(agency).append(",N-").append(i).append(",2564,โครงการ,").append(amounts.get(i)).append(",DRAFT,\n");
		}
		csv.append(agency).append(",N-9,2564,โครงการ,100.00,APPROVED,1e10000000\n");

		long started = System.nanoTime();
		HttpResponse<String> refused = admin("POST", "/api/admin/submissions/import", csv.toString(), ADMIN, "text/csv");

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
		JsonNode errors = json.readTree(refused.body()).get("errors");
		assertThat(errors).hasSize(6);
		for (int line = 2; line <= 6; line++) {
			assertThat(errors.get(line - 2).asText()).startsWith("line " + line + ": amountRequested: must be");
		}
		assertThat(errors.get(5).asText()).startsWith("line 7: allocatedAmount: must be");
		assertThat(json.readTree(admin("GET", "/api/admin/agencies/" + agency + "/submissions", null, ADMIN).body())).isEmpty();
	}

	@Test
	void aStoredRequestThatCannotBeReadIsSkippedReportedAndCanBeRepaired() throws Exception {
		String agency = newAgency("กรมข้อมูลเสีย");
		putSubmission(agency, "OK-1", 2564, "โครงการดี", "100.00", "SUBMITTED");
		// As the old code stored 1e1000: a number longer than JSON readers accept, and a record cut short.
		redis.opsForValue().set("submission:" + agency + ":BIG-1", "{\"requestId\":\"BIG-1\",\"agency\":\"" + agency
				+ "\",\"fiscalYear\":2564,\"title\":\"x\",\"amountRequested\":1" + "0".repeat(1000)
				+ ".00,\"status\":\"DRAFT\",\"allocatedAmount\":null,\"history\":[]}");
		redis.opsForValue().set("submission:" + agency + ":CUT-1", "{\"requestId\":\"CUT-1\",\"agen");
		redis.opsForSet().add("agency:" + agency + ":submissions", "BIG-1", "CUT-1");

		HttpResponse<String> listing = admin("GET", "/api/admin/agencies/" + agency + "/submissions", null, ADMIN);
		assertThat(listing.statusCode()).isEqualTo(200);
		assertThat(json.readTree(listing.body())).hasSize(1);
		assertThat(listing.headers().firstValue("Unreadable-Submissions")).hasValue("BIG-1, CUT-1");

		String user = newUser();
		say(user, "link " + linkCode(agency));
		JsonNode cards = say(user, "คำขอของหน่วยงานเราถึงไหนแล้วคะ");
		assertThat(cards.at("/messages/0/contents/contents")).hasSize(1);
		assertThat(cards.at("/messages/0/contents/contents/0").toString()).contains("โครงการดี");

		HttpResponse<String> repaired = admin("PUT", "/api/admin/agencies/" + agency + "/submissions/BIG-1",
				"{\"fiscalYear\":2564,\"title\":\"โครงการซ่อม\",\"amountRequested\":\"1000.00\",\"status\":\"DRAFT\"}", ADMIN);
		assertThat(repaired.statusCode()).as(repaired.body()).isEqualTo(200);
		HttpResponse<String> after = admin("GET", "/api/admin/agencies/" + agency + "/submissions", null, ADMIN);
		assertThat(json.readTree(after.body())).hasSize(2);
		assertThat(after.headers().firstValue("Unreadable-Submissions")).hasValue("CUT-1");
		JsonNode trail = json.readTree(admin("GET", "/api/admin/audit?limit=20", null, ADMIN).body());
		assertThat(trail.findParents("target").stream().filter(e -> e.get("target").asText().equals("submission/" + agency + "/BIG-1")))
			.singleElement()
			.satisfies(e -> assertThat(e.at("/before/unreadable").asBoolean()).isTrue());
	}

	@Test
	void aCsvSavedByExcelAsCsvUtf8WithItsByteOrderMarkIsImported() throws Exception {
		String agency = newAgency("กรมเอกเซล");
		String csv = "agency,requestId,fiscalYear,title,amountRequested,status\r\n" + agency + ",X-1,2564,ระบบบัญชี,1500000.00,DRAFT\r\n";
		byte[] bom = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

		HttpResponse<String> imported = adminBytes("/api/admin/submissions/import", concat(bom, csv.getBytes(StandardCharsets.UTF_8)),
				"text/csv");

		assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
		JsonNode stored = json.readTree(admin("GET", "/api/admin/agencies/" + agency + "/submissions", null, ADMIN).body());
		assertThat(stored.get(0).get("title").asText()).isEqualTo("ระบบบัญชี");
	}

	@Test
	void aCsvThatIsNotUtf8IsRefusedWithHowToSaveItAndWritesNothing() throws Exception {
		String agency = newAgency("กรมไทยสิบเอ็ด");
		String csv = "agency,requestId,fiscalYear,title,amountRequested,status\n" + agency + ",Y-1,2564,ระบบบัญชี,1500000.00,DRAFT\n";

		HttpResponse<String> refused = adminBytes("/api/admin/submissions/import", csv.getBytes(java.nio.charset.Charset.forName("TIS-620")),
				"text/csv");

		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
		assertThat(json.readTree(refused.body()).get("detail").asText()).contains("UTF-8").contains("CSV UTF-8").contains("line 2");
		assertThat(json.readTree(admin("GET", "/api/admin/agencies/" + agency + "/submissions", null, ADMIN).body())).isEmpty();
	}

	@Test
	void anAdminSeesLockedUsersAndCanUnlockOneAudited() throws Exception {
		String agency = newAgency("กรมปลดล็อก");
		String user = newUser();
		String locked = null;
		for (int i = 0; i < 5; i++) {
			locked = say(user, "link WRONG-" + (20000 + i)).at("/messages/0/text").asText();
		}
		assertThat(locked).contains("an hour");
		String reference = locked.replaceAll("(?s).*([0-9a-f]{12}).*", "$1");

		String readToken = json.readTree(admin("POST", "/api/admin/tokens", "{\"name\":\"lock-reader\",\"roles\":[\"read\"]}", ADMIN)
			.body()).get("token").asText();
		HttpResponse<String> listing = admin("GET", "/api/admin/link-lockouts", null, readToken);
		assertThat(listing.statusCode()).as(listing.body()).isEqualTo(200);
		JsonNode lockout = null;
		for (JsonNode entry : json.readTree(listing.body())) {
			if (entry.get("user").asText().startsWith(reference)) {
				lockout = entry;
			}
		}
		assertThat(lockout).as("the lock reply's reference %s is listed", reference).isNotNull();
		assertThat(lockout.get("user").asText()).hasSize(64).doesNotContain(user);
		assertThat(java.time.Instant.parse(lockout.get("until").asText()))
			.isEqualTo(java.time.Instant.parse(lockout.get("since").asText()).plus(Duration.ofHours(1)));

		String hashed = lockout.get("user").asText();
		String path = "/api/admin/link-lockouts/" + hashed;
		assertThat(admin("DELETE", path, null, readToken).statusCode()).isEqualTo(403);
		assertThat(admin("DELETE", path, null, ADMIN).statusCode()).isEqualTo(204);
		assertThat(admin("DELETE", path, null, ADMIN).statusCode()).as("no longer locked").isEqualTo(404);

		assertThat(say(user, "ผูกบัญชี " + linkCode(agency)).at("/messages/0/text").asText()).contains("กรมปลดล็อก");
		JsonNode trail = json.readTree(admin("GET", "/api/admin/audit?limit=20", null, ADMIN).body());
		assertThat(trail.findParents("action").stream().filter(e -> e.get("action").asText().equals("link-lockout.delete")
				&& e.get("target").asText().equals("link-lockout/" + hashed))).hasSize(1);
	}

	@Test
	void askingForAnotherAgencysRequestsSaysTheyCannotBeShownAndShowsOnesOwn() throws Exception {
		String agency = newAgency("กรมของเราเอง");
		putSubmission(agency, agency + "-64-001", 2564, "ระบบของเรา", "100.00", "SUBMITTED");
		String user = newUser();
		say(user, "ผูกบัญชี " + linkCode(agency));

		JsonNode thai = say(user, "คำขอของกรมบัญชีกลางถึงไหนแล้ว");
		assertThat(thai.at("/messages/0/text").asText()).contains("กรมบัญชีกลาง").contains("ไม่สามารถแสดง").contains("กรมของเราเอง");
		assertThat(thai.at("/messages/1/contents/contents")).hasSize(1);
		assertThat(thai.at("/messages/1/contents/contents/0").toString()).contains("ระบบของเรา");

		JsonNode english = say(user, "status of MOF-CGD's request");
		assertThat(english.at("/messages/0/text").asText()).contains("The Comptroller General's Department").contains("cannot show");
		assertThat(english.at("/messages/1/contents/contents/0").toString()).contains("ระบบของเรา");

		JsonNode own = say(user, "คำขอของหน่วยงานเราถึงไหนแล้วคะ");
		assertThat(own.at("/messages")).hasSize(1);
		assertThat(own.at("/messages/0/type").asText()).isEqualTo("flex");
		line.replyRequests().forEach(LineContract::assertValidMessagingApiRequest);
	}

	private HttpResponse<String> adminBytes(String path, byte[] body, String type) throws Exception {
		return http.send(HttpRequest.newBuilder(uri(path))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.header("Content-Type", type)
			.header("Authorization", "Bearer " + ADMIN)
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] out = java.util.Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, out, first.length, second.length);
		return out;
	}

	private String newAgency(String nameTh) throws Exception {
		String code = "T" + UUID.randomUUID().toString().substring(0, 6).toUpperCase().replaceAll("[^A-Z0-9]", "X");
		HttpResponse<String> response = admin("PUT", "/api/admin/agencies/" + code,
				"{\"nameTh\":\"" + nameTh + "\",\"nameEn\":\"Test agency\",\"ministry\":\"กระทรวงทดสอบ\"}", ADMIN);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return code;
	}

	private void putSubmission(String agency, String id, int year, String title, String amount, String status) throws Exception {
		HttpResponse<String> response = admin("PUT", "/api/admin/agencies/" + agency + "/submissions/" + id,
				"{\"fiscalYear\":" + year + ",\"title\":\"" + title + "\",\"amountRequested\":\"" + amount + "\",\"status\":\"" + status
						+ "\"}",
				ADMIN);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
	}

	private String linkCode(String agency) throws Exception {
		HttpResponse<String> response = admin("POST", "/api/admin/agencies/" + agency + "/link-codes", null, ADMIN);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		JsonNode body = json.readTree(response.body());
		assertThat(body.get("expiresAt").asText()).isNotBlank();
		return body.get("code").asText();
	}

	private static String thaiDigitsAndSpaces(String code) {
		StringBuilder out = new StringBuilder();
		for (char c : code.toCharArray()) {
			out.append(Character.isDigit(c) ? (char) ('๐' + (c - '0')) : c);
		}
		return out.toString().replace("-", " - ");
	}

	private static String newUser() {
		return "U" + UUID.randomUUID().toString().replace("-", "");
	}

	private JsonNode say(String userId, String text) throws Exception {
		return new WebhookClient(port, SECRET, line).say(userId, text);
	}

	private HttpResponse<String> admin(String method, String path, String body, String token) throws Exception {
		return admin(method, path, body, token, "application/json");
	}

	private HttpResponse<String> admin(String method, String path, String body, String token, String type) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		if (body != null) {
			request.header("Content-Type", type + "; charset=utf-8");
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

}
