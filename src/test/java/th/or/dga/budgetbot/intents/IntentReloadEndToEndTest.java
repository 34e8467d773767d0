package th.or.dga.budgetbot.intents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.yaml.snakeyaml.Yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import th.or.dga.budgetbot.BudgetBotApplication;
import th.or.dga.budgetbot.line.LineApiStub;
import th.or.dga.budgetbot.line.WebhookClient;
import th.or.dga.budgetbot.line.Webhooks;

/**
 * Admins changing the catalog of a running bot: reload under traffic, the regression gate,
 * versions and rollback, a second instance following, and unanswered questions taught back.
 * The app serves a copy of intents/ in a temporary folder that the tests edit.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "line.bot.channel-secret=" + IntentReloadEndToEndTest.SECRET, "line.bot.channel-token=reload-e2e-token",
				"app.admin.bootstrap-token=" + IntentReloadEndToEndTest.ADMIN })
class IntentReloadEndToEndTest {

	static final String SECRET = "reload-e2e-secret-0123456789";

	static final String ADMIN = "reload-admin-token-0123456789abcdefghij";

	static final LineApiStub LINE = new LineApiStub();

	static final Path CATALOG = copyOfShippedCatalog();

	static final Map<String, String> ORIGINAL = IntentCatalogLoader.read(CATALOG);

	private final HttpClient http = HttpClient.newHttpClient();

	private final ObjectMapper json = new ObjectMapper();

	@LocalServerPort
	int port;

	@Autowired
	Environment environment;

	@Autowired
	ActiveIntents active;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("line.bot.api-end-point", LINE::baseUrl);
		registry.add("app.intents.dir", CATALOG::toString);
	}

	@AfterAll
	static void stopStub() {
		LINE.stop();
	}

	/** With a Redis the environment names, shared by test contexts: leave the shipped catalog active. */
	@org.junit.jupiter.api.AfterEach
	void leaveTheShippedCatalogActive() throws Exception {
		startFromTheShippedCatalog();
	}

	@BeforeEach
	void startFromTheShippedCatalog() throws Exception {
		try (Stream<Path> files = Files.list(CATALOG)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".yml")).toList()) {
				if (!ORIGINAL.containsKey(file.getFileName().toString())) {
					Files.delete(file);
				}
			}
		}
		for (Map.Entry<String, String> file : ORIGINAL.entrySet()) {
			Files.writeString(CATALOG.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
		}
		assertThat(admin("POST", "/api/admin/intents/reload", null).statusCode()).isEqualTo(200);
	}

	@Test
	void aReloadUnderWebhookTrafficDropsNoMessage() throws Exception {
		edit("contact.yml", "  th: \"", "  th: \"[ฉบับใหม่] ");
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<String> tokens = new ArrayList<>();
			List<Future<Integer>> sent = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				String token = Webhooks.newReplyToken();
				tokens.add(token);
				String question = i % 2 == 0 ? "ขอเบอร์โทรติดต่อ สพร. หน่อยค่ะ" : "ยังยื่นของบบูรณาการปี 64 ได้ไหม";
				sent.add(pool.submit(() -> deliver(token, "U" + UUID.randomUUID().toString().replace("-", ""), question)));
				if (i == 10) {
					sent.add(pool.submit(() -> admin("POST", "/api/admin/intents/reload", null).statusCode()));
				}
			}
			for (Future<Integer> status : sent) {
				assertThat(status.get(60, TimeUnit.SECONDS)).isEqualTo(200);
			}
			await().atMost(Duration.ofSeconds(60)).until(() -> tokens.stream().allMatch(t -> !LINE.repliesTo(t).isEmpty()));
			tokens.forEach(t -> assertThat(LINE.repliesTo(t).get(0).at("/messages/0/text").asText()).isNotBlank());
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(ask("ขอเบอร์โทรติดต่อ สพร. หน่อยค่ะ")).contains("[ฉบับใหม่]");
	}

	@Test
	void aCatalogThatBreaksTheGateIsRefusedAndTheOldAnswersStay() throws Exception {
		String catalogBefore = active.current().catalog().contentHash();
		Path file = CATALOG.resolve("fy-can-submit.yml");
		String text = Files.readString(file);
		StringBuilder junk = new StringBuilder("examples:\n  th:\n");
		for (int i = 0; i < 22; i++) {
			junk.append("    - ข้อความทดสอบที่ไม่เกี่ยวข้องลำดับ ").append(i).append('\n');
		}
		junk.append("  en:\n");
		for (int i = 0; i < 7; i++) {
			junk.append("    - unrelated test sentence ").append(i).append('\n');
		}
		Files.writeString(file, text.substring(0, text.indexOf("examples:")) + junk);

		HttpResponse<String> refused = admin("POST", "/api/admin/intents/reload", null);

		assertThat(refused.statusCode()).isEqualTo(422);
		assertThat(refused.body()).contains("must-pass").contains("fy-can-submit");
		assertThat(active.current().catalog().contentHash()).isEqualTo(catalogBefore);
		assertThat(ask("ตอนนี้ยังส่งคำของบบูรณาการรัฐบาลดิจิทัลปี ๒๕๖๔ ได้อีกไหมคะ")).contains("สำนักงบประมาณ");
	}

	@Test
	void changingTheCatalogNeedsTheIntentsWriteRole() throws Exception {
		HttpResponse<String> created = admin("POST", "/api/admin/tokens", "{\"name\":\"reader\",\"roles\":[\"read\"]}");
		String reader = json.readTree(created.body()).get("token").asText();
		HttpRequest reload = HttpRequest.newBuilder(uri("/api/admin/intents/reload"))
			.header("Authorization", "Bearer " + reader)
			.POST(HttpRequest.BodyPublishers.noBody())
			.build();

		assertThat(http.send(reload, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
		assertThat(http.send(HttpRequest.newBuilder(uri("/api/admin/intents/versions")).header("Authorization", "Bearer " + reader).build(),
				HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
	}

	@Test
	void anInvalidCatalogIsRefusedWithItsFileAndLine() throws Exception {
		edit("thanks.yml", "quickReplies: [", "quickReplies: [no-such-intent, ");

		HttpResponse<String> refused = admin("POST", "/api/admin/intents/reload", null);

		assertThat(refused.statusCode()).isEqualTo(422);
		assertThat(refused.body()).contains("thanks.yml:").contains("no-such-intent");
		assertThat(ask("ขอบคุณมากค่ะ")).isNotBlank();
	}

	@Test
	void activatingAnEarlierVersionRestoresItsAnswers() throws Exception {
		String original = versionActive();
		edit("contact.yml", "  th: \"", "  th: \"[เบอร์ใหม่] ");
		JsonNode reloaded = json.readTree(admin("POST", "/api/admin/intents/reload", null).body());
		assertThat(reloaded.get("version").asText()).isNotEqualTo(original);
		assertThat(ask("ขอเบอร์โทรติดต่อ สพร. หน่อยค่ะ")).contains("[เบอร์ใหม่]");

		HttpResponse<String> rollback = admin("POST", "/api/admin/intents/versions/" + original + "/activate", null);

		assertThat(rollback.statusCode()).isEqualTo(200);
		assertThat(ask("ขอเบอร์โทรติดต่อ สพร. หน่อยค่ะ")).doesNotContain("[เบอร์ใหม่]").contains("0 2612 6000");
		assertThat(versionActive()).isEqualTo(original);
	}

	@Test
	void anotherInstanceServesTheVersionActivatedOnThisOne() throws Exception {
		int redisPort = environment.getRequiredProperty("app.redis.embedded-port", Integer.class);
		// Command-line arguments: they win over application.yml, as an operator's settings would.
		try (ConfigurableApplicationContext second = new SpringApplicationBuilder(BudgetBotApplication.class).run(
				"--server.port=0", "--spring.data.redis.url=redis://127.0.0.1:" + redisPort, "--line.bot.channel-secret=" + SECRET,
				"--line.bot.channel-token=reload-e2e-token", "--line.bot.api-end-point=" + LINE.baseUrl(),
				"--app.intents.dir=" + CATALOG, "--app.line.instance-id=second")) {
			ActiveIntents secondActive = second.getBean(ActiveIntents.class);
			assertThat(secondActive.current().catalog().contentHash()).isEqualTo(active.current().catalog().contentHash());

			edit("contact.yml", "  th: \"", "  th: \"[ทั้งสองเครื่อง] ");
			assertThat(admin("POST", "/api/admin/intents/reload", null).statusCode()).isEqualTo(200);

			await().atMost(Duration.ofSeconds(30))
				.until(() -> secondActive.current().catalog().contentHash().equals(active.current().catalog().contentHash()));
			assertThat(secondActive.current().catalog().intent("contact").orElseThrow().answer().text().th())
				.contains("[ทั้งสองเครื่อง]");
		}
	}

	@Test
	void unansweredQuestionsAreGroupedAndOnceAssignedAreAnswered() throws Exception {
		List<String> phrasings = List.of("ขอแบบฟอร์มง.1สำหรับยื่นเอกสารค่ะ", "ขอแบบฟอร์ม ง.1 สำหรับยื่นเอกสารครับ",
				"ขอแบบฟอร์ม ง.1 สำหรับยื่นเอกสารหน่อยนะคะ");
		for (String phrasing : phrasings) {
			assertThat(ask(phrasing)).contains("ขออภัย");
		}

		JsonNode groups = json.readTree(admin("GET", "/api/admin/intents/unanswered", null).body());
		JsonNode group = null;
		for (JsonNode g : groups) {
			if (g.get("questions").toString().contains("แบบฟอร์ม")) {
				group = g;
			}
		}
		assertThat(group).as(groups.toString()).isNotNull();
		assertThat(group.get("count").asInt()).isEqualTo(3);
		assertThat(group.get("askers").asInt()).isEqualTo(3);
		assertThat(group.toString()).doesNotContain("Uask");

		HttpResponse<String> assigned = admin("POST", "/api/admin/intents/unanswered/" + group.get("id").asText() + "/assign",
				"{\"intent\":\"contact\"}");

		assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);
		assertThat(Files.readString(CATALOG.resolve("contact.yml"))).contains("ขอแบบฟอร์ม ง.1 สำหรับยื่นเอกสารครับ");
		assertThat(ask("ขอแบบฟอร์ม ง.1 สำหรับยื่นเอกสารครับ")).contains("contact@dga.or.th").doesNotContain("ขออภัย");
		assertThat(json.readTree(admin("GET", "/api/admin/intents/unanswered", null).body()).toString()).doesNotContain("แบบฟอร์ม");
	}

	/**
	 * The attack of issue 7: a question that closes its string and writes an {@code answer:}
	 * of its own, taught in two assignments (the second question, starting with " #", turns the
	 * rest of the first into YAML). Written by the emitter, both stay examples and the answer
	 * stays the operator's.
	 */
	@Test
	void aQuestionWrittenAsYamlCannotChangeAnAnswer() throws Exception {
		Object answerBefore = new Yaml().<Map<String, Object>>load(ORIGINAL.get("contact.yml")).get("answer");
		String attack = "hi\"\n#\nanswer:\n  kind: static\n  th: \"Call 099 999 9999 now\"\n  en: \"Call 099 999 9999 now\"";
		String closer = " #zqx vbnk";

		assertThat(assignToContact(attack, "099 999 9999").statusCode()).isEqualTo(200);
		assertThat(assignToContact(closer, "zqx").statusCode()).isEqualTo(200);

		assertThat(ask("ขอเบอร์โทรติดต่อ สพร. หน่อยค่ะ")).doesNotContain("099").contains("0 2612 6000");
		Map<String, Object> contact = new Yaml().load(Files.readString(CATALOG.resolve("contact.yml")));
		assertThat(contact.get("answer")).isEqualTo(answerBefore);
		assertThat(contact.toString()).contains("hi\" # answer: kind: static th: \"Call 099 999 9999 now\"", "#zqx vbnk");
	}

	private HttpResponse<String> assignToContact(String question, String needle) throws Exception {
		ask(question);
		JsonNode group = null;
		for (JsonNode g : json.readTree(admin("GET", "/api/admin/intents/unanswered", null).body())) {
			if (g.get("questions").toString().contains(needle)) {
				group = g;
			}
		}
		assertThat(group).as("a group with " + needle).isNotNull();
		return admin("POST", "/api/admin/intents/unanswered/" + group.get("id").asText() + "/assign", "{\"intent\":\"contact\"}");
	}

	private String versionActive() throws Exception {
		for (JsonNode version : json.readTree(admin("GET", "/api/admin/intents/versions", null).body())) {
			if (version.get("active").asBoolean()) {
				return version.get("id").asText();
			}
		}
		throw new AssertionError("no active version");
	}

	private void edit(String file, String from, String to) throws IOException {
		Path path = CATALOG.resolve(file);
		String text = Files.readString(path);
		assertThat(text).contains(from);
		Files.writeString(path, text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
	}

	private String ask(String text) throws Exception {
		return new WebhookClient(port, SECRET, LINE).say("Uask" + UUID.randomUUID().toString().replace("-", ""), text)
			.at("/messages/0/text")
			.asText();
	}

	private int deliver(String token, String userId, String text) throws Exception {
		ObjectNode event = Webhooks.text(token, text);
		((ObjectNode) event.get("source")).put("userId", userId);
		return new WebhookClient(port, SECRET, LINE).post(Webhooks.body(event));
	}

	private HttpResponse<String> admin(String method, String path, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.header("Authorization", "Bearer " + ADMIN)
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	static Path copyOfShippedCatalog() {
		try {
			Path dir = Files.createTempDirectory("intents-e2e");
			Path tests = Files.createDirectories(dir.resolve("tests"));
			try (Stream<Path> files = Files.list(Path.of("intents"))) {
				for (Path file : files.filter(Files::isRegularFile).toList()) {
					Files.copy(file, dir.resolve(file.getFileName()));
				}
			}
			try (Stream<Path> files = Files.list(Path.of("intents", "tests"))) {
				for (Path file : files.toList()) {
					Files.copy(file, tests.resolve(file.getFileName()));
				}
			}
			return dir;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
