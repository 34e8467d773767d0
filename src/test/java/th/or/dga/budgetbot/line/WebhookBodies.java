package th.or.dga.budgetbot.line;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Webhook bodies a signed sender could post that LINE itself would not: events with fields of
 * the wrong type or missing, event and message types the bot does not know, huge strings, a
 * hundred events, deep nesting, bytes that are not UTF-8, and bodies that are no webhook at all.
 * Each starts from an event of the shape LINE sends, so that most of a body is still plausible.
 * Ids, reply tokens and timestamps are fresh on every try (not drawn from jqwik's seed), as
 * LINE's are: a repeated id would only test the deduplication.
 */
final class WebhookBodies {

	/** A body and what it is, since a byte array alone says little in a failure report. */
	record Body(String description, byte[] bytes) {

		@Override
		public String toString() {
			String text = new String(bytes, 0, Math.min(bytes.length, 400), StandardCharsets.UTF_8);
			return description + " (" + bytes.length + " bytes): " + text + (bytes.length > 400 ? "..." : "");
		}

	}

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final List<String> EVENT_TYPES = List.of("message", "follow", "unfollow", "join", "leave", "postback",
			"beacon", "memberJoined", "memberLeft", "accountLink", "things", "unsend", "videoPlayComplete", "membership",
			"module", "activated", "deactivated", "botSuspended", "botResumed", "delivery", "", "MESSAGE", "x-unknown");

	private static final List<String> MESSAGE_TYPES = List.of("text", "image", "video", "audio", "file", "location", "sticker",
			"imagemap", "flex", "template", "", "TEXT", "x-unknown");

	/** Fields of a LINE event, as JSON pointers, that a mutation may change or remove. */
	private static final List<String> FIELDS = List.of("/type", "/mode", "/timestamp", "/webhookEventId", "/deliveryContext",
			"/deliveryContext/isRedelivery", "/replyToken", "/source", "/source/type", "/source/userId", "/source/groupId",
			"/message", "/message/type", "/message/id", "/message/text", "/message/quoteToken", "/message/emojis",
			"/postback", "/postback/data", "/postback/params", "/unsend/messageId", "/x-extra");

	private WebhookBodies() {
	}

	static Arbitrary<Body> any() {
		return Arbitraries.frequencyOf(Tuple.of(10, mutatedEvents()), Tuple.of(1, manyEvents()), Tuple.of(2, deeplyNested()),
				Tuple.of(2, invalidUtf8()), Tuple.of(2, notAWebhook()));
	}

	/** One to three events, each with up to four fields of the wrong type, missing, unknown or huge. */
	static Arbitrary<Body> mutatedEvents() {
		Arbitrary<ObjectNode> mutated = Combinators.combine(event(), mutation().list().ofMaxSize(4)).as((event, mutations) -> {
			mutations.forEach(m -> m.applyTo(event));
			return event;
		});
		return mutated.list().ofMinSize(1).ofMaxSize(3).map(events -> body("mutated events", events));
	}

	/** A hundred events, LINE's most in a webhook as far as it says, or a few more. */
	static Arbitrary<Body> manyEvents() {
		return Arbitraries.of(100, 101, 500)
			.flatMap(count -> event().list().ofSize(count).map(events -> body(count + " events", events)));
	}

	/** A value nested this deep in arrays or objects, in the body, in an event, or as a message text. */
	static Arbitrary<Body> deeplyNested() {
		return Combinators.combine(Arbitraries.of(10, 200, 999, 1_001, 5_000, 100_000), Arbitraries.of("[", "{\"a\":"),
				Arbitraries.of("events", "event", "text", "source")).as((depth, opening, where) -> {
					String closing = opening.equals("[") ? "]" : "}";
					String nested = opening.repeat(depth) + "1" + closing.repeat(depth);
					String event = where.equals("event") ? nested : messageEvent(where.equals("text") ? nested : "\"ยื่นได้ไหม\"",
							where.equals("source") ? nested : null);
					String events = where.equals("events") ? nested : "[" + event + "]";
					return new Body("nested " + depth + " deep in " + where,
							("{\"destination\":\"U0123456789abcdef0123456789abcdef\",\"events\":" + events + "}")
								.getBytes(StandardCharsets.UTF_8));
				});
	}

	/** A message text, or a field name, holding bytes that are not UTF-8. */
	static Arbitrary<Body> invalidUtf8() {
		List<byte[]> invalid = List.of(new byte[] { (byte) 0xC3, 0x28 }, new byte[] { (byte) 0xFF },
				new byte[] { (byte) 0x80 }, new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 },
				new byte[] { (byte) 0xC0, (byte) 0xAF }, new byte[] { (byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80 },
				new byte[] { (byte) 0xE0, (byte) 0xB8 });
		return Combinators.combine(Arbitraries.of(invalid), Arbitraries.of("text", "key", "userId")).as((bytes, where) -> {
			String marker = "@@INVALID@@";
			String event = switch (where) {
				case "text" -> messageEvent("\"ยื่น" + marker + "ได้ไหม\"", null);
				case "key" -> messageEvent("\"ยื่นได้ไหม\"", null).replace("\"mode\"", "\"mo" + marker + "de\"");
				default -> messageEvent("\"ยื่นได้ไหม\"", "{\"type\":\"user\",\"userId\":\"U" + marker + "\"}");
			};
			String body = "{\"destination\":\"U0123456789abcdef0123456789abcdef\",\"events\":[" + event + "]}";
			int at = body.indexOf(marker);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			out.writeBytes(body.substring(0, at).getBytes(StandardCharsets.UTF_8));
			out.writeBytes(bytes);
			out.writeBytes(body.substring(at + marker.length()).getBytes(StandardCharsets.UTF_8));
			return new Body("invalid UTF-8 in " + where, out.toByteArray());
		});
	}

	/** Bodies that are not a LINE webhook object at all, or are one with something wrong around it. */
	static Arbitrary<Body> notAWebhook() {
		String valid = "{\"destination\":\"U0123456789abcdef0123456789abcdef\",\"events\":[" + messageEvent("\"ยื่นได้ไหม\"", null)
				+ "]}";
		return Arbitraries.of("", " ", "null", "true", "42", "\"events\"", "[]", "[" + valid + "]", "{}", "{\"events\":null}",
				"{\"events\":{}}", "{\"events\":\"[]\"}", "{\"events\":[1,\"two\",null,true,[]]}", "{\"events\":[{}]}",
				"{\"events\":[]", "{\"events\":[]}}", valid + " trailing", valid + valid, "{\"events\":[],\"events\":[]}",
				"{\"destination\":5,\"events\":[]}", valid.replace("\"mode\"", "\"type\":\"follow\",\"mode\""), "\u0000")
			.map(text -> new Body("not a webhook", text.getBytes(StandardCharsets.UTF_8)));
	}

	private static Arbitrary<ObjectNode> event() {
		return Combinators.combine(Arbitraries.of(EVENT_TYPES), Arbitraries.of(MESSAGE_TYPES)).as((type, messageType) -> {
			String userId = "U" + UUID.randomUUID().toString().replace("-", "");
			ObjectNode event = Webhooks.event(type, Webhooks.newReplyToken(), userId);
			if (type.equals("message")) {
				ObjectNode message = event.putObject("message").put("id", "4" + Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000_000L)).put("type", messageType);
				if (messageType.equals("text")) {
					message.put("text", "ยังยื่นของบบูรณาการรัฐบาลดิจิทัลปี 64 ได้ไหมคะ").put("quoteToken", "q" + UUID.randomUUID());
				}
				else if (messageType.equals("sticker")) {
					message.put("packageId", "446").put("stickerId", "1988");
				}
				else if (messageType.equals("location")) {
					message.put("title", "สพร.").put("latitude", 13.76).put("longitude", 100.55);
				}
			}
			else if (type.equals("postback")) {
				event.putObject("postback").put("data", "intent=contact&lang=th");
			}
			else if (type.equals("unsend")) {
				event.putObject("unsend").put("messageId", "325708");
			}
			return event;
		});
	}

	/** Something done to one field of an event. */
	private record Mutation(String pointer, JsonNode value) {

		/** A missing node as the value removes the field. */
		void applyTo(ObjectNode event) {
			int split = pointer.lastIndexOf('/');
			JsonNode parent = split == 0 ? event : event.at(pointer.substring(0, split));
			if (parent instanceof ObjectNode object) {
				String name = pointer.substring(split + 1);
				if (value.isMissingNode()) {
					object.remove(name);
				}
				else {
					object.set(name, value.deepCopy());
				}
			}
		}

		@Override
		public String toString() {
			String shown = value.isMissingNode() ? "removed" : value.toString();
			return pointer + "=" + (shown.length() > 60 ? shown.substring(0, 60) + "...(" + shown.length() + ")" : shown);
		}

	}

	private static Arbitrary<Mutation> mutation() {
		Arbitrary<JsonNode> wrongTypes = Arbitraries.of(NODES.numberNode(0), NODES.numberNode(-1), NODES.numberNode(1e308),
				NODES.numberNode(Long.MAX_VALUE), NODES.numberNode(3.5), NODES.booleanNode(true), NODES.nullNode(),
				NODES.textNode(""), NODES.textNode("x-unknown"), NODES.textNode("standby"), NODES.textNode("group"),
				NODES.textNode("2024-01-01T00:00:00Z"), NODES.arrayNode(), NODES.objectNode(),
				NODES.arrayNode().add("text").add(1), NODES.objectNode().put("type", "text").put("text", "ยื่นได้ไหม"));
		Arbitrary<JsonNode> unknownTypes = Arbitraries.of(EVENT_TYPES).map(NODES::textNode);
		Arbitrary<JsonNode> huge = Combinators.combine(Arbitraries.of(5_001, 50_000, 300_000), Arbitraries.of("a", "ก", "😀", "\\", "\u0000"))
			.as((length, unit) -> NODES.textNode(unit.repeat(length)));
		Arbitrary<JsonNode> value = Arbitraries.frequencyOf(Tuple.of(6, wrongTypes), Tuple.of(2, unknownTypes), Tuple.of(1, huge),
				Tuple.of(2, Arbitraries.just(NODES.missingNode())));
		return Combinators.combine(Arbitraries.of(FIELDS), value).as(Mutation::new);
	}

	private static Body body(String description, List<ObjectNode> events) {
		ObjectNode root = NODES.objectNode();
		root.put("destination", "U0123456789abcdef0123456789abcdef");
		ArrayNode array = root.putArray("events");
		events.forEach(array::add);
		try {
			return new Body(description, JSON.writeValueAsBytes(root));
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
	}

	/** A text message event as JSON text, with the given JSON as its text and, if not null, as its source. */
	private static String messageEvent(String textJson, String sourceJson) {
		String source = sourceJson != null ? sourceJson
				: "{\"type\":\"user\",\"userId\":\"U" + UUID.randomUUID().toString().replace("-", "") + "\"}";
		return "{\"type\":\"message\",\"mode\":\"active\",\"timestamp\":" + Instant.now().toEpochMilli()
				+ ",\"webhookEventId\":\"01" + UUID.randomUUID().toString().replace("-", "").substring(0, 24).toUpperCase()
				+ "\",\"deliveryContext\":{\"isRedelivery\":false},\"replyToken\":\"" + Webhooks.newReplyToken()
				+ "\",\"source\":" + source + ",\"message\":{\"id\":\"468789577898262530\",\"type\":\"text\",\"text\":" + textJson
				+ "}}";
	}

}
