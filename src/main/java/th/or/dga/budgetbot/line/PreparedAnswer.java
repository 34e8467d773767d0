package th.or.dga.budgetbot.line;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import th.or.dga.budgetbot.language.Language;

/**
 * The answer to an event, worked out once and kept with the event until it is delivered: the
 * conversation behind it has effects (an unanswered question recorded, a link attempt
 * counted), so a retry or another instance sends this, not a new one.
 *
 * @param language the answer's language, for the push prefix
 * @param messages the LINE message objects, as sent
 */
record PreparedAnswer(Language language, ArrayNode messages) {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");

	private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm");

	String toJson() {
		ObjectNode node = JSON.createObjectNode();
		node.put("language", language.name());
		node.set("messages", messages);
		return node.toString();
	}

	static PreparedAnswer fromJson(String json) {
		try {
			JsonNode node = JSON.readTree(json);
			return new PreparedAnswer(Language.valueOf(node.path("language").asText("TH")), (ArrayNode) node.get("messages"));
		}
		catch (IOException | RuntimeException e) {
			throw new IllegalStateException("unreadable stored answer", e);
		}
	}

	/** The body of a reply with this answer. */
	byte[] replyBody(String replyToken) {
		ObjectNode body = JSON.createObjectNode();
		body.put("replyToken", replyToken);
		body.set("messages", messages);
		return bytes(body);
	}

	/**
	 * The body of a push of this answer to the chat, said to answer the question asked at
	 * {@code askedAt} (Bangkok time): pushed later, it may arrive after other messages, and
	 * the officer should know what it answers.
	 */
	byte[] pushBody(String to, Instant askedAt) {
		String time = HOUR_MINUTE.format(askedAt.atZone(BANGKOK));
		String prefix = language == Language.EN ? "Answer to your question at " + time + ": " : "คำตอบของคำถามเมื่อ " + time + " น.: ";
		ArrayNode prefixed = messages.deepCopy();
		JsonNode first = prefixed.path(0);
		if ("text".equals(first.path("type").asText())) {
			((ObjectNode) first).put("text", ReplyMessages.truncate(prefix + first.path("text").asText(), ReplyMessages.MAX_TEXT));
		}
		else if (prefixed.size() < ReplyMessages.MAX_MESSAGES) {
			prefixed.insert(0, JSON.createObjectNode().put("type", "text").put("text", prefix.strip()));
		}
		ObjectNode body = JSON.createObjectNode();
		body.put("to", to);
		body.set("messages", prefixed);
		return bytes(body);
	}

	private static byte[] bytes(JsonNode node) {
		try {
			return JSON.writeValueAsBytes(node);
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

}
