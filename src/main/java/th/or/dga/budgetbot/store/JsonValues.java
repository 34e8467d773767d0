package th.or.dga.budgetbot.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** How feature stores keep a record in a Redis string: JSON, and a clear failure if it cannot be read back. */
public final class JsonValues<T> {

	private final ObjectMapper json;

	private final TypeReference<T> type;

	private final String what;

	/**
	 * @param what what the values are, for the error message ("agency")
	 */
	public JsonValues(ObjectMapper json, TypeReference<T> type, String what) {
		this.json = json;
		this.type = type;
		this.what = what;
	}

	public T read(String value) {
		try {
			return json.readValue(value, type);
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("unreadable " + what + " in Redis", e);
		}
	}

	public String write(T value) {
		try {
			return json.writeValueAsString(value);
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("cannot write " + what + " as JSON", e);
		}
	}

}
