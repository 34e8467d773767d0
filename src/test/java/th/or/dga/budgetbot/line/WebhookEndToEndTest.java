package th.or.dga.budgetbot.line;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

/**
 * The bot as LINE meets it: the running app on a random port, a real (embedded) Redis and a
 * stub of the Messaging API on loopback. Every request the bot sends is checked against
 * LINE's OpenAPI description, and every body sent here against the webhook description.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "line.bot.channel-secret=" + WebhookEndToEndTest.SECRET,
				"line.bot.channel-token=" + WebhookEndToEndTest.TOKEN, "app.line.partition-lease=2s" })
@ExtendWith(OutputCaptureExtension.class)
@Import(StubLine.WireMockReplies.class)
class WebhookEndToEndTest {

	static final String SECRET = "e2e-channel-secret-0123456789abcdef";

	static final String TOKEN = "e2e-channel-token-MUST-NOT-BE-LOGGED";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/** HTTP/1.1 as LINE speaks it, so that a body of unknown length goes chunked. */
	private final HttpClient http1 = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	@LocalServerPort
	int port;

	@Autowired
	LineApiStub line;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	Followers followers;

	@Autowired
	EventInbox inbox;

	@BeforeEach
	void resetStub() {
		line.reset();
	}

	@Test
	void repliesToASignedQuestionWithTheClosedAnswerFromTheCalendar() throws Exception {
		String token = Webhooks.newReplyToken();
		assertThat(deliver(Webhooks.body(Webhooks.text(token, "ยังยื่นของบบูรณาการรัฐบาลดิจิทัลปี 64 ได้ไหมคะ")))).isEqualTo(200);

		JsonNode reply = awaitReply(token);
		String text = reply.at("/messages/0/text").asText();
		assertThat(text).contains("2564").contains("สำนักงบประมาณ").contains("ไม่สามารถเสนอของบประมาณ");
		assertThat(reply.at("/messages/0/quickReply/items")).isNotEmpty();
		assertThat(reply.at("/messages/0/quickReply/items").size()).isLessThanOrEqualTo(13);
		line.replyRequests().forEach(LineContract::assertValidMessagingApiRequest);
	}

	@Test
	void answersInEnglishWhenAskedInEnglish() throws Exception {
		String token = Webhooks.newReplyToken();
		deliver(Webhooks.body(Webhooks.text(token, "Who chairs sub-committee 1.3?")));

		assertThat(awaitReply(token).at("/messages/0/text").asText()).contains("Prawit Wongsuwan");
	}

	@Test
	void answersFactQuestionsFromTheirFacts() throws Exception {
		String plans = Webhooks.newReplyToken();
		String gazette = Webhooks.newReplyToken();
		String unknown = Webhooks.newReplyToken();
		deliver(Webhooks.body(Webhooks.text(plans, "งบบูรณาการปี 64 มีกี่แผนงานคะ"),
				Webhooks.text(gazette, "พรบ.รัฐบาลดิจิทัลประกาศในราชกิจจาฯ วันไหนครับ"),
				Webhooks.text(unknown, "หน่วยงานเราได้งบประมาณปี 64 กี่ล้านบาทคะ")));

		assertThat(awaitReply(plans).at("/messages/0/text").asText()).contains("14");
		assertThat(awaitReply(gazette).at("/messages/0/text").asText()).contains("22 พฤษภาคม 2562");
		assertThat(awaitReply(unknown).at("/messages/0/text").asText()).contains("0 2612 6000").doesNotContain("14");
		line.replyRequests().forEach(LineContract::assertValidMessagingApiRequest);
	}

	@Test
	void rejectsUnsignedBadlySignedAndMalformedSignatures() throws Exception {
		ObjectNode event = Webhooks.text(Webhooks.newReplyToken(), "ยังยื่นได้ไหม");
		String body = Webhooks.body(event);

		assertThat(send(body, null)).isEqualTo(400);
		assertThat(send(body, Webhooks.signature("another-secret", body))).isEqualTo(400);
		assertThat(send(body, "not base64 at all!")).isEqualTo(400);
		assertThat(send(body + " ", Webhooks.signature(SECRET, body))).as("signature of other bytes").isEqualTo(400);

		assertThat(redis.hasKey(EventInbox.SEEN_PREFIX + event.get("webhookEventId").asText()))
			.as("nothing of a rejected body is stored").isFalse();
		String sentinel = Webhooks.newReplyToken();
		deliver(Webhooks.body(Webhooks.text(sentinel, "สวัสดีค่ะ")));
		awaitReply(sentinel);
		assertThat(line.repliesTo(event.get("replyToken").asText())).isEmpty();
	}

	@Test
	void rejectsABodyWhoseContentLengthIsOverTheLimitWithoutReadingIt() throws Exception {
		ObjectNode event = Webhooks.text(Webhooks.newReplyToken(), "ยังยื่นได้ไหม");
		String body = Webhooks.body(event);
		// Announces 300 MB, sends the first bytes and then nothing: only a server that decides from
		// Content-Length answers (a plain socket, since HttpClient reads no answer while its body stalls).
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /callback HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
					+ "X-Line-Signature: " + Webhooks.signature(SECRET, body) + "\r\nContent-Length: " + 300L * 1024 * 1024
					+ "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
			out.flush();

			RawResponse response = RawResponse.read(socket.getInputStream());

			assertThat(response.status()).isEqualTo(413);
			assertThat(response.body()).contains("1048576");
		}
		assertNothingQueuedFor(event);
	}

	/** An HTTP/1.1 answer with a Content-Length, read off a socket. */
	private record RawResponse(int status, String body) {

		static RawResponse read(InputStream in) throws IOException {
			String head = "";
			while (!head.endsWith("\r\n\r\n")) {
				int b = in.read();
				if (b < 0) {
					throw new IOException("closed before the end of the headers: " + head);
				}
				head += (char) b;
			}
			java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
			assertThat(length.find()).as("a Content-Length in " + head).isTrue();
			byte[] body = in.readNBytes(Integer.parseInt(length.group(1)));
			return new RawResponse(Integer.parseInt(head.substring(9, 12)), new String(body, StandardCharsets.UTF_8));
		}

	}

	@Test
	void rejectsAChunkedBodyThatGrowsPastTheLimitWhileItIsRead() throws Exception {
		ObjectNode event = Webhooks.text(Webhooks.newReplyToken(), "ยังยื่นได้ไหม");
		byte[] start = Webhooks.body(event).getBytes(StandardCharsets.UTF_8);
		// No length, so sent chunked; valid JSON however long it gets (blanks after the object).
		HttpRequest request = HttpRequest.newBuilder(uri("/callback"))
			.header("Content-Type", "application/json")
			.header("X-Line-Signature", Webhooks.signature(SECRET, Webhooks.body(event)))
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> blanksAfter(start)))
			.timeout(Duration.ofSeconds(5))
			.build();

		HttpResponse<String> response = http1.send(request, HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(413);
		assertNothingQueuedFor(event);
	}

	@Test
	void takesASignedBodyOfExactlyTheLimitAndRefusesOneWithAWrongSignature() throws Exception {
		String token = Webhooks.newReplyToken();
		String atLimit = padded(Webhooks.body(Webhooks.text(token, "สวัสดีค่ะ")), 1024 * 1024);
		ObjectNode unsigned = Webhooks.text(Webhooks.newReplyToken(), "สวัสดีค่ะ");
		String underLimit = padded(Webhooks.body(unsigned), 1024 * 1024 - 1);

		assertThat(send(underLimit, Webhooks.signature("another-secret", underLimit))).isEqualTo(400);
		assertThat(post(atLimit)).isEqualTo(200);
		awaitReply(token);
		assertNothingQueuedFor(unsigned);
	}

	private void assertNothingQueuedFor(ObjectNode event) throws Exception {
		assertThat(redis.hasKey(EventInbox.SEEN_PREFIX + event.get("webhookEventId").asText())).isFalse();
		String sentinel = Webhooks.newReplyToken();
		deliver(Webhooks.body(Webhooks.text(sentinel, "สวัสดีค่ะ")));
		awaitReply(sentinel);
		assertThat(line.repliesTo(event.get("replyToken").asText())).isEmpty();
	}

	private static String padded(String body, int bytes) {
		return body + " ".repeat(bytes - body.getBytes(StandardCharsets.UTF_8).length);
	}

	/** The given bytes, then blanks up to 64 MB: far past the limit, and still an end to a test that fails. */
	private static InputStream blanksAfter(byte[] start) {
		return new SequenceInputStream(new ByteArrayInputStream(start), new InputStream() {
			private long left = 64L * 1024 * 1024;

			@Override
			public int read() {
				return left-- > 0 ? ' ' : -1;
			}

			@Override
			public int read(byte[] buffer, int offset, int length) {
				if (left <= 0) {
					return -1;
				}
				int n = (int) Math.min(length, left);
				java.util.Arrays.fill(buffer, offset, offset + n, (byte) ' ');
				left -= n;
				return n;
			}
		});
	}

	@Test
	void refusesSignedBodiesThatAreNoLineWebhookAndQueuesNothingOfThem() throws Exception {
		ObjectNode event = Webhooks.text(Webhooks.newReplyToken(), "ยังยื่นได้ไหม");
		String valid = Webhooks.body(event);
		Map<String, String> bodies = new java.util.LinkedHashMap<>();
		bodies.put(valid + "{}", "not one JSON object");
		bodies.put(valid.replaceFirst("\\{", "{\"events\":[],"), "Duplicate field 'events'");
		bodies.put(valid.replace("\"events\":[", "\"events\":[42,"), "events[0]: must be an object");
		bodies.put(valid.replace("\"events\":[", "\"events\":[{\"type\":\"message\",\"timestamp\":\"yesterday\"},"),
				"events[0]: not a LINE event");
		bodies.put(valid.replace("\"events\":[", "\"events\":[" + "{\"type\":\"follow\"},".repeat(100)), "at most 100");

		for (Map.Entry<String, String> body : bodies.entrySet()) {
			WebhookClient.Answer answer = client().postForAnswer(body.getKey());
			assertThat(answer.status()).as(body.getValue()).isEqualTo(400);
			assertThat(answer.contentType()).startsWith("application/problem+json");
			assertThat(answer.body()).contains(body.getValue());
		}
		assertNothingQueuedFor(event);
	}

	@Test
	void hasNoSimulatorWhenAChannelIsConfigured() throws Exception {
		for (String path : List.of("/simulator/messages", "/simulator/line-api/v2/bot/message/reply")) {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"สวัสดี\",\"userId\":\"Uanyone\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());

			assertThat(response.statusCode()).as(path).isEqualTo(404);
		}
	}

	@Test
	void handlesTheSameWebhookEventIdOnce() throws Exception {
		String token = Webhooks.newReplyToken();
		String body = Webhooks.body(Webhooks.text(token, "ครม.มีมติเรื่องงบบูรณาการเมื่อไหร่"));
		ObjectNode redelivered = (ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
		((ObjectNode) redelivered.at("/events/0/deliveryContext")).put("isRedelivery", true);

		assertThat(post(body)).isEqualTo(200);
		assertThat(post(redelivered.toString())).isEqualTo(200);
		awaitReply(token);
		// A duplicate queued would still be in the inbox, waiting or being answered.
		awaitDrained();

		assertThat(line.repliesTo(token)).hasSize(1);
	}

	@Test
	void welcomesANewFollowerAndForgetsOneWhoLeaves() throws Exception {
		String token = Webhooks.newReplyToken();
		ObjectNode follow = Webhooks.event("follow", token, "Ufollower000000000000000000000001");
		follow.putObject("follow").put("isUnblocked", false);
		deliver(Webhooks.body(follow));

		JsonNode reply = awaitReply(token);
		assertThat(reply.at("/messages/0/text").asText()).contains("ยินดีต้อนรับ");
		assertThat(reply.at("/messages/0/quickReply/items")).isNotEmpty();
		assertThat(followers.isFollower("Ufollower000000000000000000000001")).isTrue();

		deliver(Webhooks.body(Webhooks.event("unfollow", null, "Ufollower000000000000000000000001")));
		await().atMost(Duration.ofSeconds(10)).until(() -> !followers.isFollower("Ufollower000000000000000000000001"));
	}

	@Test
	void repliesPolitelyToStickersImagesAndUnknownMessages() throws Exception {
		String sticker = Webhooks.newReplyToken();
		String image = Webhooks.newReplyToken();
		ObjectNode stickerEvent = Webhooks.event("message", sticker, "Usticker0000000000000000000000001");
		stickerEvent.putObject("message").put("id", "1").put("type", "sticker").put("packageId", "446").put("stickerId", "1988")
			.put("stickerResourceType", "STATIC").put("quoteToken", "q-sticker");
		ObjectNode imageEvent = Webhooks.event("message", image, "Uimage00000000000000000000000001");
		imageEvent.putObject("message").put("id", "2").put("type", "image").put("quoteToken", "q-image")
			.putObject("contentProvider").put("type", "line");
		String body = Webhooks.body(stickerEvent, imageEvent);
		LineContract.assertValidWebhookBody(body);

		assertThat(post(body)).isEqualTo(200);
		assertThat(awaitReply(sticker).at("/messages/0/text").asText()).contains("ข้อความ");
		assertThat(awaitReply(image).at("/messages/0/text").asText()).contains("ข้อความ");
	}

	@Test
	void answersAFiveThousandCharacterMessage() throws Exception {
		String token = Webhooks.newReplyToken();
		String question = "ขอถามว่ายังยื่นของบบูรณาการปี 64 ได้ไหมคะ";
		String ramble = "เรียนเจ้าหน้าที่ค่ะ พอดีหัวหน้าให้มาสอบถามเรื่องงาน ".repeat(200);
		String text = ramble.substring(0, 5000 - question.length()) + question;
		assertThat(text).hasSize(5000);

		deliver(Webhooks.body(Webhooks.text(token, text)));

		assertThat(awaitReply(token).at("/messages/0/text").asText()).contains("2564");
	}

	@Test
	void controlAndFormatCharactersInAMessageDoNotChangeTheAnswer() throws Exception {
		String question = "ยังยื่นของบบูรณาการรัฐบาลดิจิทัลปี 64 ได้ไหมคะ";
		String plain = Webhooks.newReplyToken();
		String yearInjected = Webhooks.newReplyToken();
		String digitsSplit = Webhooks.newReplyToken();
		deliver(Webhooks.body(Webhooks.text(plain, question + " 0000"),
				// U+0001 around four digits was read as "year 0" (ปีงบประมาณ พ.ศ. 0).
				Webhooks.text(yearInjected, question + "\u0001\u00010000\u0001"),
				Webhooks.text(digitsSplit, question.replace("64", "6\u200D4") + "\u202E 0000\uFEFF")));

		String expected = awaitReply(plain).at("/messages/0/text").asText();
		assertThat(expected).contains("2564");
		assertThat(awaitReply(yearInjected).at("/messages/0/text").asText()).isEqualTo(expected);
		assertThat(awaitReply(digitsSplit).at("/messages/0/text").asText()).isEqualTo(expected);
	}

	@Test
	void invisibleCharactersDoNotHideACommand() throws Exception {
		String plain = Webhooks.newReplyToken();
		String hidden = Webhooks.newReplyToken();
		deliver(Webhooks.body(Webhooks.text(plain, "unlink"), Webhooks.text(hidden, "\u202Eun\u200Dlink\u0007")));

		assertThat(awaitReply(hidden).at("/messages/0/text").asText())
			.isEqualTo(awaitReply(plain).at("/messages/0/text").asText());
	}

	@Test
	void sendsNoReplyToStandbyEvents() throws Exception {
		String token = Webhooks.newReplyToken();
		ObjectNode standby = Webhooks.text(token, "ยังยื่นได้ไหม");
		standby.put("mode", "standby");
		standby.remove("replyToken");
		deliver(Webhooks.body(standby));
		awaitDrained();

		assertThat(line.allRequests()).as("no reply, and no push either").isEmpty();
	}

	@Test
	void answersLineBeforeTheReplyIsSent() throws Exception {
		String token = Webhooks.newReplyToken();
		line.server().stubFor(WireMock.post(urlPathEqualTo(LineApiStub.REPLY)).atPriority(1)
			.withRequestBody(matchingJsonPath("$.replyToken", WireMock.equalTo(token)))
			.willReturn(aResponse().withStatus(200).withBody("{}").withFixedDelay(4000)));
		HttpRequest request = signed(Webhooks.body(Webhooks.text(token, "ยังยื่นได้ไหม"))).timeout(Duration.ofMillis(2000)).build();

		// A webhook that waited for the reply would time out here: LINE gives up after 2 s.
		assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(15)).until(() -> !line.repliesTo(token).isEmpty());
	}

	@Test
	void retriesAReplyRefusedForTheRateLimitAndOneThatFailedOnLinesSide() throws Exception {
		String limited = Webhooks.newReplyToken();
		String failed = Webhooks.newReplyToken();
		failFirst(limited, 429, "The API rate limit has been exceeded. Try again later.");
		failFirst(failed, 500, "Internal server error");

		deliver(Webhooks.body(Webhooks.text(limited, "สวัสดีค่ะ"), Webhooks.text(failed, "ขอบคุณค่ะ")));

		// A reply token is single use: a retry after a 500 cannot reach the user twice (LINE says 400).
		await().atMost(Duration.ofSeconds(15))
			.until(() -> line.repliesTo(limited).size() == 2 && line.repliesTo(failed).size() == 2);
		awaitDrained();
		assertThat(line.repliesTo(limited)).hasSize(2);
		assertThat(line.repliesTo(failed)).hasSize(2);
	}

	/** The first reply with this token gets the error, the next ones 200. */
	private void failFirst(String token, int status, String message) {
		line.server().stubFor(WireMock.post(urlPathEqualTo(LineApiStub.REPLY)).atPriority(1)
			.withRequestBody(matchingJsonPath("$.replyToken", WireMock.equalTo(token)))
			.inScenario(token).whenScenarioStateIs(Scenario.STARTED)
			.willReturn(LineApiStub.error(status, message))
			.willSetStateTo("failed once"));
	}

	@Test
	void takesOverAnEventLeftUnfinishedByAnInstanceThatIsGone() {
		String user = "Ugone" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 27);
		ObjectNode follow = Webhooks.event("follow", null, user);
		follow.putObject("follow").put("isUnblocked", false);
		String key = follow.get("webhookEventId").asText();
		String partition = EventInbox.PREFIX + ":" + EventInbox.partitionOf(user);
		// Queued and read by a consumer of another instance in one step, so no live worker gets it first.
		redis.execute(new org.springframework.data.redis.core.SessionCallback<List<Object>>() {
			@Override
			@SuppressWarnings({ "unchecked", "rawtypes" })
			public List<Object> execute(org.springframework.data.redis.core.RedisOperations operations) {
				operations.multi();
				operations.opsForStream().add(org.springframework.data.redis.connection.stream.StreamRecords.newRecord()
					.in(partition).ofMap(java.util.Map.of("event", follow.toString(), "chat", user, "ts",
							follow.get("timestamp").asText(), "key", key)));
				operations.opsForHash().put(EventInbox.DELIVERY_PREFIX + key, "queued", "1");
				operations.opsForStream().read(org.springframework.data.redis.connection.stream.Consumer.from(EventInbox.GROUP,
						"gone-instance"), org.springframework.data.redis.connection.stream.StreamReadOptions.empty().count(1),
						org.springframework.data.redis.connection.stream.StreamOffset.create(partition,
								org.springframework.data.redis.connection.stream.ReadOffset.lastConsumed()));
				return operations.exec();
			}
		});
		assertThat(redis.opsForStream().pending(partition, EventInbox.GROUP).getPendingMessagesPerConsumer())
			.containsKey("gone-instance");

		await().atMost(Duration.ofSeconds(15)).until(() -> followers.isFollower(user));
		awaitDrained();
		assertThat(redis.opsForStream().pending(partition, EventInbox.GROUP).getPendingMessagesPerConsumer())
			.doesNotContainKey("gone-instance");
	}

	private void awaitDrained() {
		await().atMost(Duration.ofSeconds(20)).until(inbox::isDrained);
	}

	@Test
	void neverLogsTheChannelToken(CapturedOutput output) throws Exception {
		String token = Webhooks.newReplyToken();
		deliver(Webhooks.body(Webhooks.text(token, "ติดต่อ สพร. ได้ทางไหนบ้าง")));
		awaitReply(token);

		assertThat(line.replyRequests().get(0).getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
		assertThat(output.getAll()).doesNotContain(TOKEN).doesNotContain(SECRET);
	}

	static Stream<Path> sdkWebhookSamples() throws IOException {
		Path samples = Path.of("..", "shared", "line-webhook-samples");
		return Stream.of("sdk-6.0.0", "sdk-head").flatMap(dir -> {
			try {
				return Files.list(samples.resolve(dir)).filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
			}
			catch (IOException e) {
				throw new IllegalStateException(e);
			}
		});
	}

	@ParameterizedTest
	@MethodSource("sdkWebhookSamples")
	void acceptsEveryWebhookBodyFromTheSdksOwnTests(Path sample) throws Exception {
		String body = Files.readString(sample, StandardCharsets.UTF_8);

		assertThat(post(body)).as(sample.toString()).isEqualTo(200);
		HttpResponse<String> health = http.send(HttpRequest.newBuilder(uri("/actuator/health")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(health.statusCode()).isEqualTo(200);
	}

	private JsonNode awaitReply(String token) {
		return client().awaitReply(token);
	}

	private int post(String body) throws Exception {
		return client().post(body);
	}

	private int send(String body, String signature) throws Exception {
		return client().send(body, signature);
	}

	private WebhookClient client() {
		return new WebhookClient(port, SECRET, line);
	}

	/** For the bodies this test builds: they must be what LINE's webhook description allows. */
	private int deliver(String body) throws Exception {
		LineContract.assertValidWebhookBody(body);
		return post(body);
	}

	private HttpRequest.Builder signed(String body) {
		return HttpRequest.newBuilder(uri("/callback"))
			.header("Content-Type", "application/json")
			.header("X-Line-Signature", Webhooks.signature(SECRET, body))
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

}
