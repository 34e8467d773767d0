package th.or.dga.budgetbot.notice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

class MessageRulesTest {

	private final ObjectMapper json = new ObjectMapper();

	private JsonNode parse(String text) throws Exception {
		return json.readTree(text);
	}

	@Test
	void acceptsEachKindOfMessageLineTakes() throws Exception {
		JsonNode messages = parse("""
				[{"type":"text","text":"ประกาศ สพร.","quickReply":{"items":[{"type":"action","action":{"type":"message","label":"สถานะคำขอ","text":"สถานะคำขอ"}}]}},
				 {"type":"flex","altText":"ประกาศ","contents":{"type":"bubble","body":{"type":"box","layout":"vertical","contents":[{"type":"text","text":"hi"}]}}},
				 {"type":"image","originalContentUrl":"https://example.org/a.jpg","previewImageUrl":"https://example.org/a-s.jpg"},
				 {"type":"sticker","packageId":"446","stickerId":"1988"}]
				""");
		assertThat(MessageRules.check(messages)).isEmpty();
	}

	@Test
	void namesTheMessageAndFieldOfATextOverTheLimit() throws Exception {
		ArrayNode messages = json.createArrayNode();
		messages.addObject().put("type", "text").put("text", "ok");
		messages.addObject().put("type", "text").put("text", "ok");
		messages.addObject().put("type", "text").put("text", "ก".repeat(5_001));
		assertThat(MessageRules.check(messages)).containsExactly("messages[2].text: longer than 5,000 characters (5001)");
	}

	@Test
	void countsUtf16UnitsAsLineDoes() {
		ArrayNode messages = json.createArrayNode();
		// 2,500 emoji are 5,000 UTF-16 units: exactly the limit.
		messages.addObject().put("type", "text").put("text", "\uD83D\uDE00".repeat(2_500));
		assertThat(MessageRules.check(messages)).isEmpty();
		((ObjectNode) messages.get(0)).put("text", "\uD83D\uDE00".repeat(2_500) + "a");
		assertThat(MessageRules.check(messages)).hasSize(1);
	}

	@Test
	void refusesNoneOrMoreThanFiveMessages() {
		assertThat(MessageRules.check(json.createArrayNode())).containsExactly("messages: 0 given; LINE takes 1 to 5");
		ArrayNode six = json.createArrayNode();
		for (int i = 0; i < 6; i++) {
			six.addObject().put("type", "text").put("text", "x");
		}
		assertThat(MessageRules.check(six)).containsExactly("messages: 6 given; LINE takes 1 to 5");
		assertThat(MessageRules.check(null)).hasSize(1);
	}

	@Test
	void refusesUnknownTypesAndFields() throws Exception {
		assertThat(MessageRules.check(parse("[{\"type\":\"video\"}]"))).containsExactly("messages[0].type: must be one of text, flex, image, sticker");
		assertThat(MessageRules.check(parse("[{\"type\":\"text\",\"text\":\"x\",\"imageUrl\":null}]")))
			.containsExactly("messages[0].imageUrl: not a field of a text message");
	}

	@Test
	void refusesAFlexBubbleOver30KbAndACarouselOf13() {
		ObjectNode big = json.createObjectNode().put("type", "flex").put("altText", "a");
		big.putObject("contents").put("type", "bubble").putObject("body").put("type", "box").put("pad", "x".repeat(31_000));
		assertThat(MessageRules.check(json.createArrayNode().add(big))).singleElement()
			.asString()
			.startsWith("messages[0].contents: a bubble of");
		ObjectNode carousel = json.createObjectNode().put("type", "flex").put("altText", "a");
		ArrayNode bubbles = carousel.putObject("contents").put("type", "carousel").putArray("contents");
		for (int i = 0; i < 13; i++) {
			bubbles.addObject().put("type", "bubble");
		}
		assertThat(MessageRules.check(json.createArrayNode().add(carousel)))
			.containsExactly("messages[0].contents.contents: a carousel holds 1 to 12 bubbles");
	}

	@Test
	void refusesQuickRepliesLineWouldRefuse() {
		ObjectNode text = json.createObjectNode().put("type", "text").put("text", "x");
		ArrayNode items = text.putObject("quickReply").putArray("items");
		for (int i = 0; i < 14; i++) {
			items.addObject().put("type", "action").putObject("action").put("type", "message").put("label", "a").put("text", "a");
		}
		assertThat(MessageRules.check(json.createArrayNode().add(text))).containsExactly("messages[0].quickReply.items: 1 to 13 quick-reply buttons");
		items.removeAll();
		items.addObject().put("type", "action").putObject("action").put("type", "message").put("label", "x".repeat(21));
		assertThat(MessageRules.check(json.createArrayNode().add(text)))
			.containsExactly("messages[0].quickReply.items[0].action.label: required, at most 20 characters");
	}

	@Test
	void imagesMustBeHttpsAndStickersDigits() throws Exception {
		assertThat(MessageRules.check(parse("""
				[{"type":"image","originalContentUrl":"http://example.org/a.jpg","previewImageUrl":"javascript:alert(1)"},
				 {"type":"sticker","packageId":446,"stickerId":"x"}]
				"""))).containsExactly("messages[0].originalContentUrl: must be an https URL",
				"messages[0].previewImageUrl: must be an https URL",
				"messages[1].packageId: required, LINE's id of the sticker (digits) as a string",
				"messages[1].stickerId: required, LINE's id of the sticker (digits) as a string");
	}

}
