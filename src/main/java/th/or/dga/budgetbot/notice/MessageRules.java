package th.or.dga.budgetbot.notice;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * LINE's limits for the message objects a notice may carry (text, flex, image, sticker),
 * checked before anything is stored, each problem named by its path
 * ({@code messages[2].text: longer than 5,000 characters}). A notice that passes is one LINE
 * will take: what LINE would refuse for the body is refused here, with the field.
 */
final class MessageRules {

	static final int MAX_MESSAGES = 5;

	static final int MAX_TEXT = 5_000;

	static final int MAX_ALT_TEXT = 1_500;

	static final int MAX_BUBBLE_BYTES = 30 * 1024;

	static final int MAX_CAROUSEL_BYTES = 50 * 1024;

	static final int MAX_BUBBLES = 12;

	static final int MAX_QUICK_REPLIES = 13;

	static final int MAX_LABEL = 20;

	static final int MAX_URL = 2_000;

	private static final Map<String, Set<String>> FIELDS = Map.of("text", Set.of("type", "text", "quickReply", "sender"),
			"flex", Set.of("type", "altText", "contents", "quickReply", "sender"), "image",
			Set.of("type", "originalContentUrl", "previewImageUrl", "quickReply", "sender"), "sticker",
			Set.of("type", "packageId", "stickerId", "quickReply", "sender"));

	private static final Set<String> ACTIONS = Set.of("message", "postback", "uri", "datetimepicker", "camera", "cameraRoll",
			"location", "clipboard");

	private MessageRules() {
	}

	/** The problems of a {@code messages} value, empty when LINE would take it. */
	static List<String> check(JsonNode messages) {
		List<String> problems = new ArrayList<>();
		if (messages == null || !messages.isArray()) {
			problems.add("messages: required, a list of 1 to " + MAX_MESSAGES + " LINE message objects");
			return problems;
		}
		if (messages.isEmpty() || messages.size() > MAX_MESSAGES) {
			problems.add("messages: " + messages.size() + " given; LINE takes 1 to " + MAX_MESSAGES);
			return problems;
		}
		for (int i = 0; i < messages.size(); i++) {
			message("messages[" + i + "]", messages.get(i), problems);
		}
		return problems;
	}

	private static void message(String path, JsonNode message, List<String> problems) {
		if (!message.isObject()) {
			problems.add(path + ": must be a LINE message object");
			return;
		}
		String type = message.path("type").asText("");
		Set<String> allowed = FIELDS.get(type);
		if (allowed == null) {
			problems.add(path + ".type: must be one of text, flex, image, sticker");
			return;
		}
		for (Iterator<String> names = message.fieldNames(); names.hasNext();) {
			String name = names.next();
			if (!allowed.contains(name)) {
				problems.add(path + "." + name + ": not a field of a " + type + " message");
			}
		}
		switch (type) {
			case "text" -> text(path, message, problems);
			case "flex" -> flex(path, message, problems);
			case "image" -> {
				url(path + ".originalContentUrl", message.get("originalContentUrl"), true, problems);
				url(path + ".previewImageUrl", message.get("previewImageUrl"), true, problems);
			}
			default -> {
				digits(path + ".packageId", message.get("packageId"), problems);
				digits(path + ".stickerId", message.get("stickerId"), problems);
			}
		}
		if (message.has("quickReply")) {
			quickReply(path + ".quickReply", message.get("quickReply"), problems);
		}
		if (message.has("sender")) {
			sender(path + ".sender", message.get("sender"), problems);
		}
	}

	private static void text(String path, JsonNode message, List<String> problems) {
		JsonNode text = message.get("text");
		if (text == null || !text.isTextual() || text.asText().isBlank()) {
			problems.add(path + ".text: required, a text that is not blank");
		}
		else if (text.asText().length() > MAX_TEXT) {
			// LINE counts UTF-16 code units, as String.length does.
			problems.add(path + ".text: longer than 5,000 characters (" + text.asText().length() + ")");
		}
	}

	private static void flex(String path, JsonNode message, List<String> problems) {
		JsonNode alt = message.get("altText");
		if (alt == null || !alt.isTextual() || alt.asText().isBlank()) {
			problems.add(path + ".altText: required: the text shown in notifications and chat lists");
		}
		else if (alt.asText().length() > MAX_ALT_TEXT) {
			problems.add(path + ".altText: longer than 1,500 characters");
		}
		JsonNode contents = message.get("contents");
		if (contents == null || !contents.isObject()) {
			problems.add(path + ".contents: required, a bubble or a carousel");
			return;
		}
		int bytes = contents.toString().getBytes(StandardCharsets.UTF_8).length;
		switch (contents.path("type").asText("")) {
			case "bubble" -> {
				if (bytes > MAX_BUBBLE_BYTES) {
					problems.add(path + ".contents: a bubble of " + bytes + " bytes; LINE takes at most 30 KB");
				}
			}
			case "carousel" -> {
				JsonNode bubbles = contents.get("contents");
				if (bubbles == null || !bubbles.isArray() || bubbles.isEmpty() || bubbles.size() > MAX_BUBBLES) {
					problems.add(path + ".contents.contents: a carousel holds 1 to 12 bubbles");
				}
				else {
					for (int i = 0; i < bubbles.size(); i++) {
						if (!"bubble".equals(bubbles.get(i).path("type").asText())) {
							problems.add(path + ".contents.contents[" + i + "].type: must be bubble");
						}
					}
				}
				if (bytes > MAX_CAROUSEL_BYTES) {
					problems.add(path + ".contents: a carousel of " + bytes + " bytes; LINE takes at most 50 KB");
				}
			}
			default -> problems.add(path + ".contents.type: must be bubble or carousel");
		}
	}

	private static void quickReply(String path, JsonNode quickReply, List<String> problems) {
		JsonNode items = quickReply.path("items");
		if (!items.isArray() || items.isEmpty() || items.size() > MAX_QUICK_REPLIES) {
			problems.add(path + ".items: 1 to 13 quick-reply buttons");
			return;
		}
		for (int i = 0; i < items.size(); i++) {
			String item = path + ".items[" + i + "]";
			JsonNode action = items.get(i).path("action");
			if (!"action".equals(items.get(i).path("type").asText())) {
				problems.add(item + ".type: must be action");
			}
			if (!ACTIONS.contains(action.path("type").asText(""))) {
				problems.add(item + ".action.type: must be one of " + ACTIONS.stream().sorted().toList());
			}
			String label = action.path("label").asText("");
			if (label.isBlank() || label.length() > MAX_LABEL) {
				problems.add(item + ".action.label: required, at most 20 characters");
			}
			if (items.get(i).has("imageUrl")) {
				url(item + ".imageUrl", items.get(i).get("imageUrl"), true, problems);
			}
		}
	}

	private static void sender(String path, JsonNode sender, List<String> problems) {
		if (sender.has("name") && (!sender.get("name").isTextual() || sender.get("name").asText().length() > 20)) {
			problems.add(path + ".name: at most 20 characters");
		}
		if (sender.has("iconUrl")) {
			url(path + ".iconUrl", sender.get("iconUrl"), true, problems);
		}
	}

	private static void digits(String path, JsonNode value, List<String> problems) {
		if (value == null || !value.isTextual() || !value.asText().matches("[0-9]{1,20}")) {
			problems.add(path + ": required, LINE's id of the sticker (digits) as a string");
		}
	}

	private static void url(String path, JsonNode value, boolean required, List<String> problems) {
		if (value == null) {
			if (required) {
				problems.add(path + ": required, an https URL");
			}
			return;
		}
		String url = value.asText("");
		if (url.length() > MAX_URL) {
			problems.add(path + ": longer than 2,000 characters");
			return;
		}
		try {
			URI uri = new URI(url);
			if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
				problems.add(path + ": must be an https URL");
			}
		}
		catch (URISyntaxException e) {
			problems.add(path + ": must be an https URL");
		}
	}

}
