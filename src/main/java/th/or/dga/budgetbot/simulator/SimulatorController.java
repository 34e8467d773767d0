package th.or.dga.budgetbot.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.bot.parser.LineSignatureValidator;

import th.or.dga.budgetbot.conversation.Reply;

/**
 * {@code POST /simulator/messages {"text": "..."}}: sends the text to the bot as a LINE user
 * would (a signed webhook to {@code /callback}) and returns the messages the bot sent back,
 * with the intent and confidence. {@code "event": "follow"} sends an add-friend event instead.
 */
@RestController
@ConditionalOnProperty("app.line.local-mode")
class SimulatorController {

	private static final Duration WAIT = Duration.ofSeconds(15);

	private final ObjectMapper json = new ObjectMapper();

	private final LineSignatureValidator signer;

	private final SimulatedExchanges exchanges;

	private final ApplicationContext context;

	private final RestClient http = RestClient.create();

	SimulatorController(LineSignatureValidator signer, SimulatedExchanges exchanges, ApplicationContext context) {
		this.signer = signer;
		this.exchanges = exchanges;
		this.context = context;
	}

	record SimulatedMessage(@Size(max = 5000) String text, String userId, String event) {
	}

	@PostMapping(path = "/simulator/messages", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> message(@Valid @RequestBody SimulatedMessage message) throws Exception {
		boolean follow = "follow".equals(message.event());
		if (!follow && (message.text() == null || message.text().isBlank())) {
			return ResponseEntity.badRequest()
				.body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "give 'text' (or \"event\": \"follow\")"));
		}
		String replyToken = UUID.randomUUID().toString().replace("-", "");
		byte[] body = json.writeValueAsBytes(webhook(message, follow, replyToken));
		SimulatedExchanges.Exchange exchange = exchanges.open(replyToken);
		try {
			http.post()
				.uri("http://127.0.0.1:" + port() + "/callback")
				.contentType(MediaType.APPLICATION_JSON)
				.header("X-Line-Signature", Base64.getEncoder().encodeToString(signer.generateSignature(body)))
				.body(body)
				.retrieve()
				.toBodilessEntity();
			JsonNode sent = exchange.sent().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			Reply reply = exchange.answered().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("intent", reply.intent());
			result.put("kind", reply.kind());
			result.put("confidence", Math.round(reply.confidence() * 1000) / 1000.0);
			result.put("language", reply.language());
			result.put("messages", sent.get("messages"));
			return ResponseEntity.ok(result);
		}
		catch (TimeoutException | ExecutionException e) {
			return ResponseEntity.status(HttpStatus.GATEWAY_TIMEOUT)
				.body(ProblemDetail.forStatusAndDetail(HttpStatus.GATEWAY_TIMEOUT, "the bot sent no reply within " + WAIT));
		}
		finally {
			exchanges.close(replyToken);
		}
	}

	private ObjectNode webhook(SimulatedMessage message, boolean follow, String replyToken) {
		ObjectNode event = json.createObjectNode();
		event.put("type", follow ? "follow" : "message");
		event.put("mode", "active");
		event.put("timestamp", Instant.now().toEpochMilli());
		event.put("webhookEventId", UUID.randomUUID().toString());
		event.putObject("deliveryContext").put("isRedelivery", false);
		event.put("replyToken", replyToken);
		String userId = message.userId() == null || message.userId().isBlank() ? "Usimulator0000000000000000000000" : message.userId();
		event.putObject("source").put("type", "user").put("userId", userId);
		if (!follow) {
			event.putObject("message")
				.put("id", String.valueOf(System.nanoTime()))
				.put("type", "text")
				.put("quoteToken", UUID.randomUUID().toString())
				.put("text", message.text());
		}
		ObjectNode root = json.createObjectNode();
		root.put("destination", "Usimulatorbot000000000000000000000");
		root.putArray("events").add(event);
		return root;
	}

	private int port() {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

}
