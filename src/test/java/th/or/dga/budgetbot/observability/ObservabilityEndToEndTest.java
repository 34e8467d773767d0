package th.or.dga.budgetbot.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.encoder.Encoder;

import th.or.dga.budgetbot.admin.AdminApi;
import th.or.dga.budgetbot.line.LineMessagingStub;
import th.or.dga.budgetbot.line.LineMessagingStub.Endpoint;
import th.or.dga.budgetbot.line.LineMessagingStub.Outcome;
import th.or.dga.budgetbot.line.StubLine;
import th.or.dga.budgetbot.line.Webhooks;

/**
 * What an operator sees of the running app (a real Redis, the stub LINE API over HTTP): who may
 * read the actuator, the request id of every answer, the Prometheus scrape after a conversation
 * and a notice, and the JSON log of both, which must never hold a secret, a user id or a text.
 * {@code @SpringBootTest} leaves metrics export off unless told, hence the annotation that
 * brings the Prometheus registry back as in production.
 */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "line.bot.channel-secret=" + ObservabilityEndToEndTest.SECRET,
				"line.bot.channel-token=" + ObservabilityEndToEndTest.TOKEN,
				"app.admin.bootstrap-token=" + ObservabilityEndToEndTest.ADMIN, "app.notices.quiet-hours=off",
				"app.notices.backoff=20ms", "app.notices.max-backoff=100ms" })
@AutoConfigureMockMvc
@Import(StubLine.Messaging.class)
class ObservabilityEndToEndTest {

	static final String SECRET = "observability-e2e-channel-secret-0123";

	static final String TOKEN = "observability-e2e-channel-token-NEVER-LOGGED";

	static final String ADMIN = "observability-e2e-bootstrap-admin-token-0123456789";

	/**
	 * Client addresses for requests with wrong tokens (through MockMvc), one per use: a lockout is
	 * kept in Redis for a minute, and 127.0.0.1 locked out would fail this JVM's other tests.
	 */
	private static final AtomicInteger ADDRESSES = new AtomicInteger(1);

	private final ObjectMapper json = new ObjectMapper();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	int port;

	@Autowired
	LineMessagingStub line;

	@Autowired
	MockMvc mvc;

	@Autowired
	Environment environment;

	private AdminApi bootstrap;

	private String metricsToken;

	private String readToken;

	@BeforeEach
	void setUp() throws Exception {
		line.reset();
		bootstrap = new AdminApi(port, ADMIN);
		metricsToken = bootstrap.token("prometheus", "metrics");
		readToken = bootstrap.token("reader", "read");
	}

	// --- who may read the actuator ---

	@Test
	void healthAndInfoAreOpenAndHealthTellsTheStatusOnlyWithoutTheRoleMetrics() throws Exception {
		HttpResponse<String> anonymous = get("/actuator/health", null);
		HttpResponse<String> reader = get("/actuator/health", readToken);
		HttpResponse<String> scraper = get("/actuator/health", metricsToken);

		assertThat(anonymous.statusCode()).isEqualTo(200);
		assertThat(fieldNames(json.readTree(anonymous.body()))).containsExactly("status");
		assertThat(fieldNames(json.readTree(reader.body()))).containsExactly("status");
		assertThat(json.readTree(scraper.body()).path("components").has("redis")).as(scraper.body()).isTrue();
		assertThat(get("/actuator/info", null).statusCode()).isEqualTo(200);
	}

	@Test
	void everyOtherActuatorPathNeedsATokenAndOnlyTheScrapeIsAllowed() throws Exception {
		List<String> others = List.of("/actuator", "/actuator/metrics", "/actuator/env", "/actuator/beans",
				"/actuator/configprops", "/actuator/loggers", "/actuator/heapdump", "/actuator/threaddump", "/actuator/mappings",
				"/actuator/shutdown", "/actuator/no-such-endpoint");
		for (String path : others) {
			// Each path from its own address: the wrong tokens would lock one address out.
			String address = newAddress();
			assertThat(status(path, null, address)).as("%s without a token", path).isEqualTo(401);
			assertThat(status(path, "not-a-token", address)).as("%s with a wrong token", path).isEqualTo(401);
			assertThat(status(path, metricsToken, address)).as("%s with the role metrics", path).isEqualTo(403);
			assertThat(status(path, ADMIN, address)).as("%s with every role", path).isEqualTo(403);
		}
		String address = newAddress();
		assertThat(status("/actuator/prometheus", null, address)).isEqualTo(401);
		assertThat(status("/actuator/prometheus", "not-a-token", address)).isEqualTo(401);
		assertThat(status("/actuator/prometheus", readToken, address)).as("a token without the role").isEqualTo(403);
		HttpResponse<String> scrape = get("/actuator/prometheus", metricsToken);
		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.body()).contains("bot_nlu_fallbacks_total").contains("bot_outbox_depth");
		assertThat(get("/actuator/prometheus", ADMIN).statusCode()).as("ADMIN_TOKEN has every role").isEqualTo(200);
	}

	@Test
	void aLockedOutAddressKeepsItsHealthCheckButNotTheScrape() throws Exception {
		String address = newAddress();
		for (int i = 0; i < 10; i++) {
			status("/actuator/prometheus", "guess-" + i, address);
		}

		assertThat(status("/actuator/prometheus", metricsToken, address)).isEqualTo(429);
		assertThat(status("/api/admin/agencies", ADMIN, address)).as("the scrape's guesses count for the admin API too")
			.isEqualTo(429);
		assertThat(status("/actuator/health", null, address)).as("a load balancer behind the same address").isEqualTo(200);
	}

	/** A GET through the whole filter chain from a client address of the test's choosing. */
	private int status(String path, String token, String address) throws Exception {
		var request = MockMvcRequestBuilders.get(path).with(r -> {
			r.setRemoteAddr(address);
			return r;
		});
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return mvc.perform(request).andReturn().getResponse().getStatus();
	}

	private static String newAddress() {
		return "198.51.100." + ADDRESSES.getAndIncrement();
	}

	// --- request ids ---

	@Test
	void everyAnswerCarriesARequestIdAndAPlainIncomingOneIsKept() throws Exception {
		HttpResponse<String> kept = send(HttpRequest.newBuilder(uri("/actuator/health")).header("X-Request-Id", "lb-7f3a.9_c:1"));
		HttpResponse<String> tooLong = send(HttpRequest.newBuilder(uri("/actuator/health")).header("X-Request-Id", "a".repeat(65)));
		HttpResponse<String> unsafe = send(
				HttpRequest.newBuilder(uri("/actuator/health")).header("X-Request-Id", "id\"},{\"log\":\"forged"));
		HttpResponse<String> none = get("/actuator/prometheus", null);

		assertThat(kept.headers().firstValue("X-Request-Id")).hasValue("lb-7f3a.9_c:1");
		assertThat(UUID.fromString(tooLong.headers().firstValue("X-Request-Id").orElseThrow())).isNotNull();
		assertThat(UUID.fromString(unsafe.headers().firstValue("X-Request-Id").orElseThrow())).isNotNull();
		assertThat(none.statusCode()).isEqualTo(401);
		assertThat(UUID.fromString(none.headers().firstValue("X-Request-Id").orElseThrow())).as("a refusal has one too")
			.isNotNull();
		assertThat(none.headers().firstValue("X-Request-Id")).isNotEqualTo(tooLong.headers().firstValue("X-Request-Id"));
	}

	// --- metrics ---

	@Test
	void theScrapeAfterAConversationAndANoticeHasTheClassifierAndNoticeMetrics() throws Exception {
		Scrape before = scrape();

		Conversation conversation = converse();

		Scrape after = scrape();
		assertThat(after.sum("bot_nlu_classification_seconds_count") - before.sum("bot_nlu_classification_seconds_count"))
			.as("the Thai, English, unanswered and link messages; commands are not classified")
			.isGreaterThanOrEqualTo(3);
		assertThat(after.has("bot_nlu_classification_seconds_bucket", "le=\"0.025\"")).as("SLO buckets").isTrue();
		assertThat(after.sum("bot_nlu_confidence_count") - before.sum("bot_nlu_confidence_count")).isGreaterThanOrEqualTo(3);
		assertThat(after.has("bot_nlu_confidence_bucket", "le=\"0.3\"")).as("buckets at the gates").isTrue();
		assertThat(after.sum("bot_nlu_fallbacks_total") - before.sum("bot_nlu_fallbacks_total"))
			.as("the question it was never taught").isGreaterThanOrEqualTo(1);
		assertThat(after.has("bot_nlu_fallbacks_total", "reason=\"low_confidence\"")).isTrue();
		assertThat(after.sum("bot_notices_sent_total", "endpoint=\"multicast\"")
				- before.sum("bot_notices_sent_total", "endpoint=\"multicast\""))
			.as("one multicast to the two named officers")
			.isEqualTo(2);
		assertThat(after.has("bot_notices_failed_total", "endpoint=\"push\"")).isTrue();
		assertThat(after.sum("bot_outbox_depth")).as("nothing left in the outbox").isZero();
		assertThat(after.sum("bot_outbox_oldest_age_seconds")).isZero();
		assertThat(after.text()).contains("application=\"dga-budget-bot\"");
		assertThat(conversation.noticeId()).isNotBlank();
	}

	@Test
	void aFailedNoticeBatchCountsItsRecipientsAsFailed() throws Exception {
		Scrape before = scrape();
		String user = userId();
		line.next(Endpoint.PUSH, Outcome.badRequest("The property, 'to', in the request body is invalid"));

		awaitFinished(notice(List.of(user), "แจ้งเพื่อทราบ " + UUID.randomUUID()));

		assertThat(scrape().sum("bot_notices_failed_total", "endpoint=\"push\"")
				- before.sum("bot_notices_failed_total", "endpoint=\"push\"")).isEqualTo(1);
	}

	/**
	 * The webhook's, LINE calls' and the inbox's metrics, after a conversation whose first reply
	 * LINE refused with a 500 (so a retry is counted). The ack timer's buckets are set in
	 * application.yml.
	 */
	@Test
	void theScrapeHasTheWebhookLineAndInboxMetrics() throws Exception {
		line.next(Endpoint.REPLY, Outcome.serverError());
		converse();

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			Scrape scrape = scrape();
			List<String> missing = new ArrayList<>();
			expect(scrape.has("bot_webhook_events_total", "type=\"message\"", "outcome=\"queued\""),
					"bot_webhook_events_total{type=message,outcome=queued}", missing);
			expect(scrape.has("bot_webhook_events_total", "type=\"follow\""), "bot_webhook_events_total{type=follow}", missing);
			expect(scrape.has("bot_webhook_events_total", "type=\"postback\""), "bot_webhook_events_total{type=postback}",
					missing);
			expect(scrape.has("bot_webhook_ack_seconds_bucket", "le=\"0.025\""), "bot_webhook_ack_seconds_bucket{le=0.025}",
					missing);
			expect(scrape.sum("bot_webhook_ack_seconds_count") > 0, "bot_webhook_ack_seconds_count > 0", missing);
			expect(scrape.has("bot_line_calls_total", "endpoint=\"reply\"", "status=\"200\""),
					"bot_line_calls_total{endpoint=reply,status=200}", missing);
			expect(scrape.has("bot_line_calls_total", "endpoint=\"reply\"", "status=\"500\""),
					"bot_line_calls_total{endpoint=reply,status=500}", missing);
			expect(scrape.has("bot_line_calls_total", "endpoint=\"multicast\""), "bot_line_calls_total{endpoint=multicast}",
					missing);
			expect(scrape.sum("bot_line_retries_total", "endpoint=\"reply\"") > 0, "bot_line_retries_total{endpoint=reply} > 0",
					missing);
			expect(scrape.hasPrefix("bot_inbox_depth"), "bot_inbox_depth", missing);
			expect(scrape.hasPrefix("bot_inbox_oldest_age"), "bot_inbox_oldest_age(_seconds)", missing);
			expect(scrape.hasPrefix("bot_inbox_dead_letters"), "bot_inbox_dead_letters", missing);
			expect(scrape.sum("bot_inbox_answered_total", "by=\"reply\"") > 0, "bot_inbox_answered_total{by=reply} > 0", missing);
			assertThat(missing).as("metrics of the inbox branch missing from the scrape").isEmpty();
		});
	}

	private static void expect(boolean present, String what, List<String> missing) {
		if (!present) {
			missing.add(what);
		}
	}

	// --- logs ---

	@Test
	void theLogOfAConversationAndANoticeIsJsonWithRequestIdsAndNothingPersonalOrSecret() throws Exception {
		String format = environment.getProperty("logging.structured.format.console");
		assertThat(format).as("JSON by default outside local mode").isEqualTo("ecs");
		JsonLines log = new JsonLines(structured(format));
		log.start();
		root().addAppender(log);
		Conversation conversation;
		try {
			conversation = converse();
		}
		finally {
			root().detachAppender(log);
			log.stop();
		}

		List<String> forbidden = new ArrayList<>(List.of(SECRET, TOKEN, ADMIN, metricsToken, readToken));
		forbidden.addAll(conversation.secrets());
		forbidden.addAll(conversation.userIds());
		forbidden.addAll(conversation.texts());
		List<JsonLine> lines = log.lines();
		assertThat(lines).as("the notice's start and end at least").hasSizeGreaterThanOrEqualTo(2);
		for (JsonLine line : lines) {
			JsonNode entry = json.readTree(line.text());
			assertThat(line.text().strip()).as("one JSON object per line").doesNotContain("\n");
			assertThat(entry.path("log").path("level").asText()).isEqualTo(line.level());
			assertThat(entry.path("service").path("name").asText()).isEqualTo("dga-budget-bot");
			String everything = line.text() + "\n" + String.join("\n", strings(entry));
			for (String value : forbidden) {
				assertThat(everything).as("INFO+ line must not hold %s", value).doesNotContain(value);
			}
			if (line.thread().startsWith("http-nio-")) {
				assertThat(entry.at("/http/request/id").asText()).as("a line an HTTP request caused: %s", line.text())
					.isNotBlank();
			}
		}
		assertThat(lines).as("the notice's start is logged under the id its POST was answered with")
			.anySatisfy(line -> assertThat(json.readTree(line.text()).at("/http/request/id").asText())
				.isEqualTo(conversation.noticeRequestId()));
	}

	// --- the scenario ---

	/** What a conversation and a notice left behind, to look for in the metrics and the log. */
	private record Conversation(List<String> userIds, List<String> texts, List<String> secrets, String noticeId,
			String noticeRequestId) {
	}

	/**
	 * An officer adds the bot, asks in Thai and in English, tries a wrong link code and a right
	 * one, asks what the bot cannot answer and taps a quick reply; then DGA sends a notice to
	 * that officer and another by name.
	 */
	private Conversation converse() throws Exception {
		String user = userId();
		String other = userId();
		List<String> texts = new ArrayList<>();
		List<String> secrets = new ArrayList<>();
		String agency = "OBS" + UUID.randomUUID().toString().substring(0, 6).toUpperCase().replace("-", "X");
		assertThat(bootstrap.put("/api/admin/agencies/" + agency,
				Map.of("nameTh", "หน่วยงานทดสอบ " + agency, "nameEn", "Test agency " + agency)).status()).isIn(200, 201);
		String code = bootstrap.post("/api/admin/agencies/" + agency + "/link-codes", Map.of(), Map.of())
			.body()
			.get("code")
			.asText();
		secrets.add(code);

		ObjectNode follow = Webhooks.event("follow", Webhooks.newReplyToken(), user);
		deliverAndAwaitReply(follow, secrets);
		for (String text : List.of("ยังยื่นของบบูรณาการรัฐบาลดิจิทัลปี 64 ได้ไหมคะ", "Who chairs sub-committee 1.3?",
				"ผูกบัญชี ABCDE-12345", "ผูกบัญชี " + code, "ฟรุ้งฟริ้ง plugh กรุ๊งกริ๊ง xyzzy ต้องพกร่มหรือเปล่า")) {
			texts.add(text);
			ObjectNode message = Webhooks.text(Webhooks.newReplyToken(), text);
			((ObjectNode) message.get("source")).put("userId", user);
			deliverAndAwaitReply(message, secrets);
		}
		ObjectNode postback = Webhooks.event("postback", Webhooks.newReplyToken(), user);
		postback.putObject("postback").put("data", "intent=contact&lang=th");
		deliverAndAwaitReply(postback, secrets);

		String noticeText = "สพร. แจ้งเปิดรับคำของบประมาณ " + UUID.randomUUID();
		texts.add(noticeText);
		AdminApi.Response created = notice(List.of(user, other), noticeText);
		String id = created.body().get("id").asText();
		awaitFinished(created);
		return new Conversation(List.of(user, other), texts, secrets, id,
				created.raw().headers().firstValue("X-Request-Id").orElseThrow());
	}

	private AdminApi.Response notice(List<String> users, String text) throws Exception {
		AdminApi sender = bootstrap.as(bootstrap.token("sender", "notice:send", "read"));
		AdminApi.Response created = sender.post("/api/admin/notices",
				Map.of("audience", Map.of("type", "users", "userIds", users), "messages",
						List.of(Map.of("type", "text", "text", text))),
				Map.of("Idempotency-Key", UUID.randomUUID().toString()));
		assertThat(created.status()).as(created.raw().body()).isEqualTo(202);
		return created;
	}

	private void awaitFinished(AdminApi.Response created) {
		String id = created.body().get("id").asText();
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			String status = bootstrap.get("/api/admin/notices/" + id).body().get("status").asText();
			return status.equals("DONE") || status.equals("FAILED");
		});
	}

	/** Posts the event signed, as LINE does, and waits until the bot has tried to reply to it. */
	private void deliverAndAwaitReply(ObjectNode event, List<String> secrets) throws Exception {
		String replyToken = event.get("replyToken").asText();
		secrets.add(replyToken);
		String body = Webhooks.body(event);
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/callback"))
			.header("Content-Type", "application/json")
			.header("X-Line-Signature", Webhooks.signature(SECRET, body))
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
		assertThat(response.statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> line.requests(Endpoint.REPLY)
				.stream()
				.anyMatch(r -> replyToken.equals(r.json().path("replyToken").asText())));
	}

	private static String userId() {
		return "U" + UUID.randomUUID().toString().replace("-", "");
	}

	// --- HTTP and the scrape ---

	private HttpResponse<String> get(String path, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return send(request);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	private Scrape scrape() throws Exception {
		HttpResponse<String> response = get("/actuator/prometheus", metricsToken);
		assertThat(response.statusCode()).isEqualTo(200);
		return new Scrape(response.body());
	}

	/** The Prometheus text format, read as a person would: samples by name and labels. */
	private record Scrape(String text) {

		boolean has(String name, String... labels) {
			return samples(name, labels).findAny().isPresent();
		}

		boolean hasPrefix(String prefix) {
			return text.lines().anyMatch(l -> !l.startsWith("#") && l.startsWith(prefix));
		}

		double sum(String name, String... labels) {
			return samples(name, labels).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
		}

		private java.util.stream.Stream<String> samples(String name, String... labels) {
			return text.lines()
				.filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
				.filter(l -> List.of(labels).stream().allMatch(l::contains));
		}

	}

	// --- the log ---

	private static Logger root() {
		return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
	}

	/**
	 * The console's encoder as Boot builds it for this format. Built here rather than taken from
	 * the console appender: Boot applies a JVM's first context's format to every later one (a
	 * system property), and an earlier test in this JVM may have run in local mode.
	 */
	private static StructuredLogEncoder structured(String format) {
		StructuredLogEncoder encoder = new StructuredLogEncoder();
		encoder.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
		encoder.setFormat(format);
		encoder.setCharset(StandardCharsets.UTF_8);
		encoder.start();
		return encoder;
	}

	private record JsonLine(String level, String thread, String text) {
	}

	/** A real appender on the root logger, encoding INFO and above as the console does. */
	private static final class JsonLines extends AppenderBase<ILoggingEvent> {

		private final Encoder<ILoggingEvent> encoder;

		private final List<JsonLine> lines = new ArrayList<>();

		JsonLines(Encoder<ILoggingEvent> encoder) {
			this.encoder = encoder;
			setContext((LoggerContext) LoggerFactory.getILoggerFactory());
			setName("test-json-lines");
		}

		@Override
		protected void append(ILoggingEvent event) {
			if (!event.getLevel().isGreaterOrEqual(Level.INFO)) {
				return;
			}
			String text = new String(encoder.encode(event), StandardCharsets.UTF_8);
			lines.add(new JsonLine(event.getLevel().toString(), event.getThreadName(), text));
		}

		synchronized List<JsonLine> lines() {
			return List.copyOf(lines);
		}

	}

	private static List<String> fieldNames(JsonNode node) {
		List<String> names = new ArrayList<>();
		node.fieldNames().forEachRemaining(names::add);
		return names;
	}

	/** Every string value in a JSON tree, decoded: an escape must not hide a text from the check. */
	private static List<String> strings(JsonNode node) {
		List<String> values = new ArrayList<>();
		if (node.isTextual()) {
			values.add(node.asText());
		}
		for (Iterator<JsonNode> children = node.elements(); children.hasNext();) {
			values.addAll(strings(children.next()));
		}
		return values;
	}

}
