package th.or.dga.budgetbot.line;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;

/**
 * SDK 6.0.0 writes absent optional fields as JSON null ("imageUrl": null in a quick-reply
 * item), which LINE's OpenAPI description does not allow for those string fields. This drops
 * null fields from every JSON request body before it leaves, so what the bot sends is what
 * the spec describes.
 */
final class OmitNullFields implements Interceptor {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Override
	public Response intercept(Chain chain) throws IOException {
		Request request = chain.request();
		RequestBody body = request.body();
		MediaType type = body == null ? null : body.contentType();
		if (type == null || !"json".equals(type.subtype())) {
			return chain.proceed(request);
		}
		Buffer buffer = new Buffer();
		body.writeTo(buffer);
		JsonNode tree = JSON.readTree(buffer.readByteArray());
		removeNulls(tree);
		RequestBody cleaned = RequestBody.create(JSON.writeValueAsBytes(tree), type);
		return chain.proceed(request.newBuilder().method(request.method(), cleaned).build());
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
			node.forEach(OmitNullFields::removeNulls);
		}
	}

}
