package th.or.dga.budgetbot.line;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.bot.parser.LineSignatureValidator;

/** Webhook bodies as LINE sends them, and their signatures. */
public final class Webhooks {

	private static final ObjectMapper JSON = new ObjectMapper();

	private Webhooks() {
	}

	public static String signature(String secret, String body) {
		return signature(secret, body.getBytes(StandardCharsets.UTF_8));
	}

	/** Over the exact bytes sent, which need not be UTF-8. */
	public static String signature(String secret, byte[] body) {
		return Base64.getEncoder()
			.encodeToString(new LineSignatureValidator(secret.getBytes(StandardCharsets.US_ASCII)).generateSignature(body));
	}

	/** A one-on-one event with a fresh webhookEventId; the caller fills in the type's fields. */
	public static ObjectNode event(String type, String replyToken, String userId) {
		ObjectNode event = JSON.createObjectNode();
		event.put("type", type);
		event.put("mode", "active");
		event.put("timestamp", Instant.now().toEpochMilli());
		event.put("webhookEventId", "01" + UUID.randomUUID().toString().replace("-", "").substring(0, 24).toUpperCase());
		event.putObject("deliveryContext").put("isRedelivery", false);
		if (replyToken != null) {
			event.put("replyToken", replyToken);
		}
		event.putObject("source").put("type", "user").put("userId", userId);
		return event;
	}

	public static ObjectNode text(String replyToken, String text) {
		return text(replyToken, newUserId(), text);
	}

	/** A text message from this user. */
	public static ObjectNode text(String replyToken, String userId, String text) {
		ObjectNode event = event("message", replyToken, userId);
		event.putObject("message")
			.put("id", String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits())))
			.put("type", "text")
			.put("quoteToken", "q" + UUID.randomUUID())
			.put("text", text);
		return event;
	}

	public static String body(ObjectNode... events) {
		ObjectNode root = JSON.createObjectNode();
		root.put("destination", "U0123456789abcdef0123456789abcdef");
		var array = root.putArray("events");
		for (ObjectNode event : events) {
			array.add(event);
		}
		return root.toString();
	}

	/** A LINE user id: U and 32 hex digits. */
	public static String newUserId() {
		return "U" + UUID.randomUUID().toString().replace("-", "");
	}

	public static String newReplyToken() {
		return UUID.randomUUID().toString().replace("-", "");
	}

}
