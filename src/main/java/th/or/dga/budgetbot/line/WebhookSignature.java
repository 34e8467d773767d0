package th.or.dga.budgetbot.line;

import java.util.Base64;

import com.linecorp.bot.parser.LineSignatureValidator;

/**
 * Checks {@code X-Line-Signature} against the exact received bytes, before anything else is
 * done with them. The SDK's validator throws on a header that is not Base64; here that is
 * simply an invalid signature (400), not a server error.
 */
final class WebhookSignature {

	private final LineSignatureValidator validator;

	WebhookSignature(LineSignatureValidator validator) {
		this.validator = validator;
	}

	boolean isValid(byte[] body, String header) {
		if (header == null || header.isBlank() || body == null) {
			return false;
		}
		try {
			Base64.getDecoder().decode(header);
		}
		catch (IllegalArgumentException notBase64) {
			return false;
		}
		return validator.validateSignature(body, header);
	}

}
