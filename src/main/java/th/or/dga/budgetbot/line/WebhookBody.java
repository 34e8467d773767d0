package th.or.dga.budgetbot.line;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Reads a webhook body, but never more than the limit: a body that says it is larger
 * ({@code Content-Length}) is refused before a byte is read, and one that turns out larger
 * (chunked, no length) is refused once the limit is passed. The signature can only be checked
 * over the whole body, so without this anyone could make the server buffer any amount.
 */
final class WebhookBody {

	private WebhookBody() {
	}

	static byte[] read(HttpServletRequest request, int maxBytes) throws IOException {
		long declared = request.getContentLengthLong();
		if (declared > maxBytes) {
			throw new WebhookBodyTooLarge(maxBytes);
		}
		try (InputStream in = request.getInputStream()) {
			// One byte more than allowed tells a body at the limit from one past it.
			byte[] body = in.readNBytes(maxBytes + 1);
			if (body.length > maxBytes) {
				throw new WebhookBodyTooLarge(maxBytes);
			}
			return body;
		}
	}

}
