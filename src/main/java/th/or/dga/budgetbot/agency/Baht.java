package th.or.dga.budgetbot.agency;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

import th.or.dga.budgetbot.agency.AgencyProblems.InvalidAgencyData;

/**
 * The one place that reads and checks an amount in baht, for the API and the CSV import alike:
 * positive, at most 15 digits before the point and 2 after (a budget of 999 trillion baht is
 * far beyond any request). Every check looks at the length of the text and at the precision and
 * scale of the number, never at its digits: {@code 1e10000000} is 10 characters whose
 * {@code setScale(2)} would build ten million digits, so it must be refused before that.
 */
final class Baht {

	static final int MAX_INTEGER_DIGITS = 15;

	static final int MAX_DECIMALS = 2;

	/** No valid amount is longer, even with thousands separators and trailing zeros. */
	static final int MAX_TEXT = 40;

	/** Reads well after the field's name, as both the API and the import put it there. */
	static final String RULE = "must be a positive amount in baht with at most " + MAX_INTEGER_DIGITS
			+ " digits before the point and " + MAX_DECIMALS + " after, such as 1250000.00";

	private Baht() {
	}

	/**
	 * An amount as typed in a CSV cell ({@code 1,250,000.00} is fine); null for a blank cell.
	 *
	 * @throws InvalidAgencyData naming the field first
	 */
	static BigDecimal parse(String field, String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String plain = text.strip().replace(",", "");
		BigDecimal value = read(plain);
		if (value == null) {
			throw new InvalidAgencyData(field + ": " + RULE + ", not '" + shorten(text.strip()) + "'");
		}
		return check(field, value);
	}

	/**
	 * The amount with exactly two decimals, or null for null.
	 *
	 * @throws InvalidAgencyData naming the field first
	 */
	static BigDecimal check(String field, BigDecimal value) {
		if (value == null) {
			return null;
		}
		if (value.signum() <= 0 || value.precision() > MAX_TEXT) {
			throw new InvalidAgencyData(field + ": " + RULE);
		}
		BigDecimal exact = value.stripTrailingZeros();
		// Long arithmetic: a scale near Integer.MIN_VALUE must not wrap around into a small number.
		long integerDigits = (long) exact.precision() - exact.scale();
		if (exact.scale() > MAX_DECIMALS || integerDigits > MAX_INTEGER_DIGITS) {
			throw new InvalidAgencyData(field + ": " + RULE);
		}
		return value.setScale(MAX_DECIMALS, RoundingMode.UNNECESSARY);
	}

	/** The number the text writes, or null if it is not a number short enough to be an amount. */
	private static BigDecimal read(String text) {
		if (text.isEmpty() || text.length() > MAX_TEXT) {
			return null;
		}
		try {
			return new BigDecimal(text);
		}
		catch (NumberFormatException e) {
			return null;
		}
	}

	private static String shorten(String text) {
		return text.length() <= 20 ? text : text.substring(0, 20) + "…";
	}

	/**
	 * Reads an amount of the JSON API, as a number or a string, refusing text too long to be an
	 * amount before any number is built from it. The rules themselves are checked with the rest of
	 * the request ({@link #check}), so that the answer names the field however the client sent it.
	 */
	static final class Json extends StdScalarDeserializer<BigDecimal> {

		Json() {
			super(BigDecimal.class);
		}

		@Override
		public BigDecimal deserialize(JsonParser parser, DeserializationContext context) throws IOException {
			JsonToken token = parser.currentToken();
			if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT && token != JsonToken.VALUE_STRING) {
				return (BigDecimal) context.handleUnexpectedToken(BigDecimal.class, parser);
			}
			String text = parser.getText().strip();
			if (token == JsonToken.VALUE_STRING && text.isEmpty()) {
				return null;
			}
			BigDecimal value = read(text);
			if (value == null) {
				throw InvalidFormatException.from(parser, RULE, shorten(text), BigDecimal.class);
			}
			return value;
		}

	}

}
