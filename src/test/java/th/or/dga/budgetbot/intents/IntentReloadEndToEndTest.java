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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.yaml.snakeyaml.Yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import th.or.dga.budgetbot.BudgetBotApplication;
import th.or.dga.budgetbot.line.LineMessagingStub;
import th.or.dga.budgetbot.line.LineMessagingStub.Endpoint;
import th.or.dga.budgetbot.line.LineMessagingStub.ReceivedRequest;
import th.or.dga.budgetbot.line.StubLine;
import th.or.dga.budgetbot.line.WebhookClient;
import th.or.dga.budgetbot.line.Webhooks;

/**
 * Admins changing the catalog of a running bot: reload under traffic, the regression gate,
 * versions and rollback (also across a restart), a second instance following, and unanswered
 * questions taught back. The app serves a copy of intents/ in a temporary folder that the
 * tests edit, and answers through a stub LINE API that can hold replies.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "line.bot.channel-secret=" + IntentReloadEndToEndTest.SECRET,
				"line.bot.channel-token=" + IntentReloadEndToEndTest.CHANNEL_TOKEN,
				"app.admin.bootstrap-token=" + IntentReloadEndToEndTest.ADMIN,
				// Replies held at LINE while a reload runs must not be given up meanwhile.
				"app.line.reply-timeout=60s" })
@Import(StubLine.Messaging.class)
class IntentReloadEndToEndTest {

	static final String SECRET = "reload-e2e-secret-0123456789";

	static final String CHANNEL_TOKEN = "reload-e2e-token";

	static final String ADMIN = "reload-admin-token-0123456789abcdefghij";

	static final Path CATALOG = copyOfShippedCatalog();

	static final Map<String, String> ORIGINAL = IntentCatalogLoader.read(CATALOG);

	static final Map<String, String> ORIGINAL_TESTS = testFiles();

	static final String CONTACT_QUESTION = "ขอเบอร์โทรติดต่อ สพร. หน่อยค่ะ";

	static final String CAN_SUBMIT_QUESTION = "ยังยื่นของบบูรณาการปี 64 ได้ไหม";

	/** The shipped catalog's content hash once it was activated here: a test that changed nothing needs no reload. */
	private static String shippedHash;

	private final HttpClient http = HttpClient.newHttpClient();

	private final ObjectMapper json = new ObjectMapper();

	@LocalServerPort
	int port;

	@Autowired
	LineMessagingStub line;

	@Autowired
	Environment environment;

	@Autowired
	ActiveIntents active;

	@Autowired
	CatalogManagement management;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("app.intents.dir", CATALOG::toString);
	}

	/** With a Redis the environment names, shared by test contexts: leave the shipped catalog active. */
	@org.junit.jupiter.api.AfterEach
	void leaveTheShippedCatalogActive() throws Exception {
		startFromTheShippedCatalog();
	}

	@BeforeEach
	void startFromTheShippedCatalog() throws Exception {
		line.release(Endpoint.REPLY);
		management.beforeSwap(() -> {
		});
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
		for (Map.Entry<String, String> file : ORIGINAL_TESTS.entrySet()) {
			Files.writeString(CATALOG.resolve("tests").resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
		}
		if (active.current().catalog().contentHash().equals(shippedHash)) {
			return;
		}
		HttpResponse<String> reloaded = admin("POST", "/api/admin/intents/reload", null);
		assertThat(reloaded.statusCode()).as(reloaded.body()).isEqualTo(200);
		shippedHash = json.readTree(reloaded.body()).get("contentHash").asText();
	}

	/**
	 * A reload under traffic, held just before its swap: 10 messages are answered while it is
	 * held, with the old catalog; then LINE holds replies, so that each worker is stuck sending
	 * one (made from the old catalog) and the rest wait in the inbox, all 30 accepted and none
	 * answered, and only then the swap goes ahead. Every message is answered once, with the old
	 * or the new catalog's answer to its question, never anything else; those made before the
	 * swap with the old one, and some accepted before it with the new one.
	 */
	@Test
	void aReloadWhileMessagesAreInFlightAnswersEachWithTheOldOrTheNewCatalog() throws Exception {
		List<String> questions = List.of(CONTACT_QUESTION, CAN_SUBMIT_QUESTION);
		Map<String, JsonNode> before = new LinkedHashMap<>();
		for (String question : questions) {
			before.put(question, reply(port, question).get("messages"));
		}
		edit("contact.yml", "  th: \"", "  th: \"[ฉบับใหม่] ");
		edit("fy-can-submit.yml", "    th: \"ขณะนี้", "    th: \"[ฉบับใหม่] ขณะนี้");
		int workers = environment.getRequiredProperty("app.line.workers", Integer.class);
		CountDownLatch swapReached = new CountDownLatch(1);
		CountDownLatch swapMayGo = new CountDownLatch(1);
		management.beforeSwap(() -> {
			swapReached.countDown();
			try {
				swapMayGo.await(2, TimeUnit.MINUTES);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		});
		Map<String, String> whileHeld = new LinkedHashMap<>();
		Map<String, String> acrossTheSwap = new LinkedHashMap<>();
		long swapReleased;
		CompletableFuture<HttpResponse<String>> reload;
		try {
			reload = http.sendAsync(adminRequest(port, "POST", "/api/admin/intents/reload", null).build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			assertThat(swapReached.await(2, TimeUnit.MINUTES)).as("the reload reached its swap").isTrue();

			send(10, questions, whileHeld);
			await().atMost(Duration.ofSeconds(60)).until(() -> whileHeld.keySet().stream().allMatch(t -> !accepted(t).isEmpty()));
			for (Map.Entry<String, String> message : whileHeld.entrySet()) {
				assertThat(accepted(message.getKey())).singleElement()
					.satisfies(r -> assertThat(r.json().get("messages")).isEqualTo(before.get(message.getValue())));
			}

			long answeredBefore = line.replies();
			line.hold(Endpoint.REPLY);
			send(30, questions, acrossTheSwap);
			await().atMost(Duration.ofSeconds(30)).until(() -> line.held(Endpoint.REPLY) == workers);
			assertThat(line.replies()).as("none of the 30 answered before the swap").isEqualTo(answeredBefore);
			assertThat(reload).isNotDone();

			swapReleased = System.nanoTime();
			swapMayGo.countDown();
			assertThat(reload.get(2, TimeUnit.MINUTES).statusCode()).isEqualTo(200);
			assertThat(line.held(Endpoint.REPLY)).as("still in flight once the new catalog is in").isEqualTo(workers);
		}
		finally {
			swapMayGo.countDown();
			line.release(Endpoint.REPLY);
			management.beforeSwap(() -> {
			});
		}
		await().atMost(Duration.ofSeconds(60)).until(() -> acrossTheSwap.keySet().stream().allMatch(t -> !accepted(t).isEmpty()));

		Map<String, JsonNode> after = new LinkedHashMap<>();
		for (String question : questions) {
			after.put(question, reply(port, question).get("messages"));
		}
		assertThat(before.get(CONTACT_QUESTION).at("/0/text").asText()).startsWith("สอบถามเจ้าหน้าที่โดยตรงได้ที่");
		assertThat(before.get(CAN_SUBMIT_QUESTION).at("/0/text").asText()).startsWith("ขณะนี้ไม่สามารถเสนอของบประมาณ");
		for (String question : questions) {
			assertThat(after.get(question).at("/0/text").asText()).isEqualTo("[ฉบับใหม่] " + before.get(question).at("/0/text").asText());
		}
		int madeBeforeTheSwap = 0;
		int renewed = 0;
		for (Map.Entry<String, String> message : acrossTheSwap.entrySet()) {
			List<ReceivedRequest> replies = accepted(message.getKey());
			assertThat(replies).as("answered once").hasSize(1);
			JsonNode messages = replies.get(0).json().get("messages");
			assertThat(messages).as(message.getValue()).isIn(before.get(message.getValue()), after.get(message.getValue()));
			if (replies.get(0).arrivalNanos() < swapReleased) {
				assertThat(messages).as("made before the swap").isEqualTo(before.get(message.getValue()));
				madeBeforeTheSwap++;
			}
			else if (messages.equals(after.get(message.getValue()))) {
				renewed++;
			}
		}
		assertThat(madeBeforeTheSwap).as("held at LINE across the swap").isEqualTo(workers);
		assertThat(renewed).as("accepted before the swap and answered after it with the new catalog").isPositive();
	}

	/** Sends {@code count} messages from new users, alternating the questions; records token to question. */
	private void send(int count, List<String> questions, Map<String, String> sent) throws Exception {
		for (int i = 0; i < count; i++) {
			String token = Webhooks.newReplyToken();
			String question = questions.get(i % questions.size());
			sent.put(token, question);
			assertThat(deliver(port, token, newUser(), question)).isEqualTo(200);
		}
	}

	@Test
	void aCatalogThatBreaksTheGateIsRefusedAndTheOldAnswersStay() throws Exception {
		String catalogBefore = active.current().catalog().contentHash();
		JsonNode answerBefore = reply(port, "ตอนนี้ยังส่งคำของบบูรณาการรัฐบาลดิจิทัลปี ๒๕๖๔ ได้อีกไหมคะ").get("messages");
		assertThat(answerBefore.at("/0/text").asText()).contains("สำนักงบประมาณ");
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
		assertThat(reply(port, "ตอนนี้ยังส่งคำของบบูรณาการรัฐบาลดิจิทัลปี ๒๕๖๔ ได้อีกไหมคะ").get("messages")).isEqualTo(answerBefore);
		assertThat(active.current().catalog().contentHash()).isEqualTo(catalogBefore);
	}

	/**
	 * The rule of app.intents.max-accuracy-drop (0.02): 400 held-out questions the shipped catalog
	 * answers right, some of them examples of goodbye. Renaming that intent makes exactly those
	 * wrong and changes nothing else, so the drop is known beforehand: 9 of 400 (2.25 points) is
	 * refused, 7 of 400 (1.75 points) accepted, and the figures are the ones the gate measured.
	 */
	@Test
	void theGateRefusesAHeldOutDropOfMoreThanTwoPointsAndAcceptsOneOfLess() throws Exception {
		String catalogBefore = active.current().catalog().contentHash();
		writeHeldOut(9);
		renameGoodbye();

		HttpResponse<String> refused = admin("POST", "/api/admin/intents/reload", null);

		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
		assertThat(json.readTree(refused.body()).get("reasons")).extracting(JsonNode::asText)
			.containsExactly(String.format("held-out accuracy would drop from %.3f to %.3f (more than 2 points)", 1.0, 391 / 400.0));
		assertThat(active.current().catalog().contentHash()).isEqualTo(catalogBefore);

		// The same sentences, fewer of goodbye's: the serving catalog still answers all 400 right.
		writeHeldOut(7);

		HttpResponse<String> accepted = admin("POST", "/api/admin/intents/reload", null);

		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
		assertThat(json.readTree(accepted.body()).get("heldOutAccuracy").asDouble()).isEqualTo(393 / 400.0);
		assertThat(active.current().catalog().intent("goodbye-renamed")).isPresent();
	}

	@Test
	void changingTheCatalogNeedsTheIntentsWriteRole() throws Exception {
		HttpResponse<String> created = admin("POST", "/api/admin/tokens", "{\"name\":\"reader\",\"roles\":[\"read\"]}");
		String reader = json.readTree(created.body()).get("token").asText();
		HttpRequest reload = HttpRequest.newBuilder(uri(port, "/api/admin/intents/reload"))
			.header("Authorization", "Bearer " + reader)
			.POST(HttpRequest.BodyPublishers.noBody())
			.build();

		assertThat(http.send(reload, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
		assertThat(http.send(HttpRequest.newBuilder(uri(port, "/api/admin/intents/versions")).header("Authorization", "Bearer " + reader).build(),
				HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
	}

	@Test
	void anInvalidCatalogIsRefusedWithItsFileAndLine() throws Exception {
		JsonNode answerBefore = reply(port, "ขอบคุณมากค่ะ").get("messages");
		assertThat(answerBefore.at("/0/text").asText()).startsWith("ยินดีค่ะ");
		edit("thanks.yml", "quickReplies: [", "quickReplies: [no-such-intent, ");

		HttpResponse<String> refused = admin("POST", "/api/admin/intents/reload", null);

		assertThat(refused.statusCode()).isEqualTo(422);
		assertThat(refused.body()).contains("thanks.yml:").contains("no-such-intent");
		assertThat(reply(port, "ขอบคุณมากค่ะ").get("messages")).isEqualTo(answerBefore);
	}

	@Test
	void activatingAnEarlierVersionRestoresItsAnswers() throws Exception {
		String original = versionActive();
		edit("contact.yml", "  th: \"", "  th: \"[เบอร์ใหม่] ");
		JsonNode reloaded = json.readTree(admin("POST", "/api/admin/intents/reload", null).body());
		assertThat(reloaded.get("version").asText()).isNotEqualTo(original);
		assertThat(ask(CONTACT_QUESTION)).contains("[เบอร์ใหม่]");

		HttpResponse<String> rollback = admin("POST", "/api/admin/intents/versions/" + original + "/activate", null);

		assertThat(rollback.statusCode()).isEqualTo(200);
		assertThat(ask(CONTACT_QUESTION)).doesNotContain("[เบอร์ใหม่]").contains("0 2612 6000");
		assertThat(versionActive()).isEqualTo(original);
	}

	/**
	 * Rolled back, then the app started again on the same Redis with its folder still holding
	 * the newer catalog: the rolled-back version answers, because the active version lives in
	 * Redis and the folder does not undo it. (The restarted app shares this test's inbox, and
	 * this test's app serves the rolled-back version too, so whichever answers, the answer is it.)
	 */
	@Test
	void aRollbackSurvivesARestart() throws Exception {
		String original = versionActive();
		String originalCatalog = active.current().catalog().contentHash();
		JsonNode originalAnswer = reply(port, CONTACT_QUESTION).get("messages");
		edit("contact.yml", "  th: \"", "  th: \"[ก่อนย้อนกลับ] ");
		HttpResponse<String> reloaded = admin("POST", "/api/admin/intents/reload", null);
		assertThat(reloaded.statusCode()).as(reloaded.body()).isEqualTo(200);
		assertThat(ask(CONTACT_QUESTION)).startsWith("[ก่อนย้อนกลับ]");
		HttpResponse<String> rollback = admin("POST", "/api/admin/intents/versions/" + original + "/activate", null);
		assertThat(rollback.statusCode()).as(rollback.body()).isEqualTo(200);
		assertThat(Files.readString(CATALOG.resolve("contact.yml"))).contains("[ก่อนย้อนกลับ]");

		try (ConfigurableApplicationContext restarted = instance("restarted")) {
			assertThat(restarted.getBean(CatalogManagement.class).activeVersion()).isEqualTo(original);
			assertThat(restarted.getBean(ActiveIntents.class).current().catalog().contentHash()).isEqualTo(originalCatalog);
			assertThat(contactAnswer(restarted)).doesNotContain("[ก่อนย้อนกลับ]");
			assertThat(reply(portOf(restarted), CONTACT_QUESTION).get("messages")).isEqualTo(originalAnswer);
		}
	}

	private static String contactAnswer(ConfigurableApplicationContext instance) {
		return instance.getBean(ActiveIntents.class).current().catalog().intent("contact").orElseThrow().answer().text().th();
	}

	@Test
	void anotherInstanceServesTheVersionActivatedOnThisOne() throws Exception {
		try (ConfigurableApplicationContext second = instance("second")) {
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
		return reply(port, text).at("/messages/0/text").asText();
	}

	/** A new user sends the text to the app on that port; what LINE accepted as the reply. */
	private JsonNode reply(int appPort, String text) throws Exception {
		String token = Webhooks.newReplyToken();
		assertThat(deliver(appPort, token, "Uask" + UUID.randomUUID().toString().replace("-", ""), text)).isEqualTo(200);
		await().atMost(Duration.ofSeconds(30)).until(() -> !accepted(token).isEmpty());
		return accepted(token).get(0).json();
	}

	/** Replies LINE accepted (200) with this token: one, once the message is answered. */
	private List<ReceivedRequest> accepted(String token) {
		return line.requests(Endpoint.REPLY)
			.stream()
			.filter(r -> r.status() == 200 && token.equals(r.json().path("replyToken").asText()))
			.toList();
	}

	private int deliver(int appPort, String token, String userId, String text) throws Exception {
		ObjectNode event = Webhooks.text(token, text);
		((ObjectNode) event.get("source")).put("userId", userId);
		return new WebhookClient(appPort, SECRET, null).post(Webhooks.body(event));
	}

	private static String newUser() {
		return "U" + UUID.randomUUID().toString().replace("-", "");
	}

	/**
	 * 400 held-out questions: {@code goodbyes} of goodbye's own Thai examples, the rest cycling
	 * through thanks' and contact's; every one is a training example of its intent.
	 */
	private static void writeHeldOut(int goodbyes) throws IOException {
		List<String> goodbye = thaiExamples("goodbye.yml");
		List<String> others = new ArrayList<>();
		thaiExamples("thanks.yml").forEach(e -> others.add("thanks\t" + e));
		thaiExamples("contact.yml").forEach(e -> others.add("contact\t" + e));
		List<String> lines = new ArrayList<>();
		for (int i = 0; i < goodbyes; i++) {
			lines.add("goodbye\t" + goodbye.get(i));
		}
		for (int i = 0; lines.size() < 400; i++) {
			lines.add(others.get(i % others.size()));
		}
		Files.write(CATALOG.resolve("tests").resolve("heldout.tsv"), lines, StandardCharsets.UTF_8);
	}

	@SuppressWarnings("unchecked")
	private static List<String> thaiExamples(String file) {
		Map<String, Object> intent = new Yaml().load(ORIGINAL.get(file));
		return (List<String>) ((Map<String, Object>) intent.get("examples")).get("th");
	}

	/** The goodbye intent under another id: the same examples and answer, so only its label changes. */
	private static void renameGoodbye() throws IOException {
		Files.delete(CATALOG.resolve("goodbye.yml"));
		Files.writeString(CATALOG.resolve("goodbye-renamed.yml"), ORIGINAL.get("goodbye.yml").replace("id: goodbye\n", "id: goodbye-renamed\n"),
				StandardCharsets.UTF_8);
	}

	/** The app again, as another instance on the same Redis, folder and LINE. */
	private ConfigurableApplicationContext instance(String name) {
		int redisPort = environment.getRequiredProperty("app.redis.embedded-port", Integer.class);
		// Command-line arguments: they win over application.yml, as an operator's settings would.
		return new SpringApplicationBuilder(BudgetBotApplication.class).run("--server.port=0",
				"--spring.data.redis.url=redis://127.0.0.1:" + redisPort, "--line.bot.channel-secret=" + SECRET,
				"--line.bot.channel-token=" + CHANNEL_TOKEN, "--line.bot.api-end-point=" + line.baseUrl(),
				"--app.intents.dir=" + CATALOG, "--app.line.instance-id=" + name, "--app.admin.bootstrap-token=" + ADMIN);
	}

	private static int portOf(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private HttpResponse<String> admin(String method, String path, String body) throws Exception {
		return admin(port, method, path, body);
	}

	private HttpResponse<String> admin(int appPort, String method, String path, String body) throws Exception {
		return http.send(adminRequest(appPort, method, path, body).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private static HttpRequest.Builder adminRequest(int appPort, String method, String path, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(appPort, path))
			.header("Authorization", "Bearer " + ADMIN)
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		return request;
	}

	private static URI uri(int appPort, String path) {
		return URI.create("http://127.0.0.1:" + appPort + path);
	}

	private static Map<String, String> testFiles() {
		Map<String, String> files = new LinkedHashMap<>();
		try (Stream<Path> listing = Files.list(CATALOG.resolve("tests"))) {
			for (Path file : listing.toList()) {
				files.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return files;
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
