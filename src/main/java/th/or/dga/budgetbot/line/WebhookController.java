package th.or.dga.budgetbot.line;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.bot.model.objectmapper.ModelObjectMapper;

/**
 * The LINE webhook. Reads at most {@code app.line.max-webhook-bytes} (413 past it, before any
 * signature work), checks the signature on the raw bytes, queues each event in the inbox
 * and answers 200 at once: the answer is worked out off the request thread, because LINE
 * counts a webhook over 2 s as failed and SDK 6.0.0 handlers would run on this thread.
 */
@RestController
class WebhookController {

	private static final Logger log = LoggerFactory.getLogger(WebhookController.class);

	private final ObjectMapper json = ModelObjectMapper.createNewObjectMapper();

	private final WebhookSignature signature;

	private final EventInbox inbox;

	private final int maxBodyBytes;

	/** Spring's, which writes a problem detail's members the RFC 9457 way. */
	private final ObjectMapper problems;

	WebhookController(WebhookSignature signature, EventInbox inbox, LineProperties properties, ObjectMapper problems) {
		this.signature = signature;
		this.inbox = inbox;
		this.problems = problems;
		this.maxBodyBytes = properties.maxWebhookBytesAsInt();
	}

	@PostMapping("${line.bot.handler.path:/callback}")
	ResponseEntity<?> callback(@RequestHeader(name = "X-Line-Signature", required = false) String header,
			HttpServletRequest request) {
		byte[] body;
		try {
			body = WebhookBody.read(request, maxBodyBytes);
		}
		catch (IOException e) {
			return problem(HttpStatus.BAD_REQUEST, "Invalid webhook body", "the body could not be read");
		}
		if (!signature.isValid(body, header)) {
			log.warn("Rejected a webhook with a missing or invalid X-Line-Signature");
			return problem(HttpStatus.BAD_REQUEST, "Invalid signature", "X-Line-Signature is missing or does not match the body");
		}
		JsonNode events;
		try {
			events = json.readTree(body).get("events");
		}
		catch (IOException | RuntimeException e) {
			return problem(HttpStatus.BAD_REQUEST, "Invalid webhook body", "the body is not a LINE webhook JSON object");
		}
		if (events == null || !events.isArray()) {
			return problem(HttpStatus.BAD_REQUEST, "Invalid webhook body", "the body has no 'events' array");
		}
		int queued = 0;
		for (JsonNode event : events) {
			if (inbox.accept(event)) {
				queued++;
			}
		}
		log.debug("Webhook: {} event(s), {} new", events.size(), queued);
		return ResponseEntity.ok().build();
	}

	/**
	 * Written as bytes so that the answer has a Content-Length: a chunked answer ends only after
	 * Tomcat has swallowed what is left of the refused body (up to server.tomcat.max-swallow-size),
	 * and a client still sending, or stalled, would not see the end of it.
	 */
	@ExceptionHandler
	ResponseEntity<byte[]> tooLarge(WebhookBodyTooLarge e) throws JsonProcessingException {
		log.warn("Rejected a webhook body over {} bytes", e.maxBytes());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
				"body: at most " + e.maxBytes() + " bytes (app.line.max-webhook-bytes)");
		problem.setTitle("Webhook body too large");
		return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problems.writeValueAsBytes(problem));
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return ResponseEntity.status(status).body(problem);
	}

}
