package th.or.dga.budgetbot.line;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.bot.model.message.Message;
import com.linecorp.bot.model.objectmapper.ModelObjectMapper;

/**
 * LINE message objects built with the SDK's model classes, as the JSON LINE takes. SDK 6.0.0
 * writes absent optional fields as JSON null ("imageUrl": null in a quick-reply item), which
 * LINE's OpenAPI description does not allow for those string fields; they are dropped, so what
 * the bot sends is what the spec describes.
 */
final class MessageJson {

	private static final ObjectMapper SDK = ModelObjectMapper.createNewObjectMapper();

	private MessageJson() {
	}

	/** Written as a list of {@link Message}, so that each carries its {@code type} (a plain list would lose it). */
	private static final ObjectWriter MESSAGES = SDK.writerFor(new TypeReference<List<Message>>() {
	});

	static ArrayNode of(List<Message> messages) {
		try {
			ArrayNode array = (ArrayNode) SDK.readTree(MESSAGES.writeValueAsBytes(messages));
			removeNulls(array);
			return array;
		}
		catch (java.io.IOException e) {
			throw new IllegalStateException("cannot write LINE messages as JSON", e);
		}
	}

	static void removeNulls(JsonNode node) {
		if (node instanceof ObjectNode object) {
			Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
			while (fields.hasNext()) {
				Map.Entry<String, JsonNode> field = fields.next();
				if (field.getValue().isNull()) {
					fields.remove();
				}
				else {
					removeNulls(field.getValue());
				}
			}
		}
		else if (node.isArray()) {
			node.forEach(MessageJson::removeNulls);
		}
	}

}
