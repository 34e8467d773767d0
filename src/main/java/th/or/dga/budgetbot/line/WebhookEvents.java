package th.or.dga.budgetbot.line;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.linecorp.bot.model.event.Event;
import com.linecorp.bot.model.event.source.Source;
import com.linecorp.bot.model.objectmapper.ModelObjectMapper;

import th.or.dga.budgetbot.hashing.Sha256;

/**
 * The door of the inbox: a signed body becomes the events to queue, or is refused whole with
 * what is wrong with it. Strict where Jackson is lenient by default (a key given twice, bytes
 * after the object), so that what is queued is exactly what was signed and nothing else; each
 * event must be an object the SDK reads into an {@link Event}, as the workers will, so that
 * the inbox holds only events the workers can read.
 */
final class WebhookEvents {

	private static final ObjectMapper STRICT = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private static final ObjectMapper SDK = ModelObjectMapper.createNewObjectMapper();

	private WebhookEvents() {
	}

	/**
	 * @throws InvalidWebhook naming what is wrong; nothing of the body is to be queued then
	 */
	static List<InboxEvent> read(byte[] body, int maxEvents) {
		JsonNode root;
		try {
			root = STRICT.readTree(body);
		}
		catch (JsonProcessingException e) {
			throw new InvalidWebhook("the body is not one JSON object: " + e.getOriginalMessage());
		}
		catch (IOException e) {
			throw new InvalidWebhook("the body is not one JSON object: " + e.getClass().getSimpleName());
		}
		if (root == null || !root.isObject()) {
			throw new InvalidWebhook("the body is not a JSON object");
		}
		JsonNode events = root.get("events");
		if (events == null || !events.isArray()) {
			throw new InvalidWebhook("events: must be an array");
		}
		if (events.size() > maxEvents) {
			throw new InvalidWebhook("events: at most " + maxEvents + " in one webhook, not " + events.size());
		}
		List<InboxEvent> read = new ArrayList<>(events.size());
		for (int i = 0; i < events.size(); i++) {
			read.add(event(events.get(i), "events[" + i + "]"));
		}
		return read;
	}

	private static InboxEvent event(JsonNode node, String where) {
		if (!node.isObject()) {
			throw new InvalidWebhook(where + ": must be an object, not " + node.getNodeType().toString().toLowerCase());
		}
		Event event;
		try {
			event = SDK.treeToValue(node, Event.class);
		}
		catch (JsonProcessingException | RuntimeException e) {
			// Whatever the SDK's model makes of a body LINE signed, it is the body's fault: a 400, never a 500.
			String message = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getClass().getSimpleName();
			throw new InvalidWebhook(where + ": not a LINE event (" + bounded(message) + ")");
		}
		if (event == null) {
			throw new InvalidWebhook(where + ": not a LINE event");
		}
		String json = node.toString();
		String key = key(node, json);
		Source source = event.getSource();
		String chat = source != null && source.getSenderId() != null ? source.getSenderId() : "event:" + key;
		long timestamp = event.getTimestamp() == null ? 0 : event.getTimestamp().toEpochMilli();
		JsonNode type = node.get("type");
		return new InboxEvent(key, chat, timestamp, EventTypes.tag(type != null && type.isTextual() ? type.asText() : null), json);
	}

	/** LINE's webhookEventId, else a hash of the event, which a redelivery repeats exactly. */
	static String key(JsonNode event, String json) {
		JsonNode id = event.get("webhookEventId");
		if (id != null && id.isTextual() && !id.asText().isBlank() && id.asText().length() <= 64) {
			return id.asText();
		}
		return "sha256:" + Sha256.hex(json);
	}

	/** Parser messages quote input: bounded, as they go back in the answer. */
	private static String bounded(String message) {
		if (message == null) {
			return "unreadable";
		}
		String line = message.lines().findFirst().orElse("");
		return line.length() > 200 ? line.substring(0, 200) + "..." : line;
	}

}
