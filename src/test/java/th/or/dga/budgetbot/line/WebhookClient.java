package th.or.dga.budgetbot.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Plays LINE towards the running bot: posts signed webhooks, and reads what the bot replied at the stub. */
public final class WebhookClient {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final int port;

	private final String secret;

	/** The replies LINE received with a reply token; null where the test reads no replies. */
	private final Function<String, List<JsonNode>> repliesTo;

	public WebhookClient(int port, String secret, LineApiStub line) {
		this(port, secret, line == null ? null : line::repliesTo);
	}

	private WebhookClient(int port, String secret, Function<String, List<JsonNode>> repliesTo) {
		this.port = port;
		this.secret = secret;
		this.repliesTo = repliesTo;
	}

	/** Reading the bot's replies at the stateful stub instead. */
	public static WebhookClient of(int port, String secret, LineMessagingStub line) {
		return new WebhookClient(port, secret, line::repliesTo);
	}

	/** Posts a body with its signature; returns the HTTP status. */
	public int post(String body) throws Exception {
		return send(body, Webhooks.signature(secret, body));
	}

	/** What the webhook answered: status, content type and body. */
	public record Answer(int status, String contentType, String body) {
	}

	/** Posts a body with its signature; returns the whole answer. */
	public Answer postForAnswer(String body) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/callback"))
			.header("Content-Type", "application/json")
			.header("X-Line-Signature", Webhooks.signature(secret, body))
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build(), HttpResponse.BodyHandlers.ofString());
		return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
	}

	/** Posts a body with the given signature header (none if null). */
	public int send(String body, String signature) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri("/callback"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		if (signature != null) {
			request.header("X-Line-Signature", signature);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
	}

	/** The user sends a text; returns the reply LINE received for it. */
	public JsonNode say(String userId, String text) throws Exception {
		String token = Webhooks.newReplyToken();
		ObjectNode event = Webhooks.text(token, text);
		((ObjectNode) event.get("source")).put("userId", userId);
		assertThat(post(Webhooks.body(event))).isEqualTo(200);
		return awaitReply(token);
	}

	/** The user taps a button that sends this postback data; returns the reply LINE received for it. */
	public JsonNode postback(String userId, String data) throws Exception {
		String token = Webhooks.newReplyToken();
		ObjectNode event = Webhooks.event("postback", token, userId);
		event.putObject("postback").put("data", data);
		assertThat(post(Webhooks.body(event))).isEqualTo(200);
		return awaitReply(token);
	}

	public JsonNode awaitReply(String token) {
		await().atMost(Duration.ofSeconds(20)).until(() -> !repliesTo.apply(token).isEmpty());
		return repliesTo.apply(token).get(0);
	}

	public URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

}
