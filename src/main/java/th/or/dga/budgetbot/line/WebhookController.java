package th.or.dga.budgetbot.line;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.bot.model.objectmapper.ModelObjectMapper;

/**
 * The LINE webhook. Checks the signature on the raw bytes, queues each event in the inbox
 * and answers 200 at once: the answer is worked out off the request thread, because LINE
 * counts a webhook over 2 s as failed and SDK 6.0.0 handlers would run on this thread.
 */
@RestController
class WebhookController {

	private static final Logger log = LoggerFactory.getLogger(WebhookController.class);

	private final ObjectMapper json = ModelObjectMapper.createNewObjectMapper();

	private final WebhookSignature signature;

	private final EventInbox inbox;

	WebhookController(WebhookSignature signature, EventInbox inbox) {
		this.signature = signature;
		this.inbox = inbox;
	}

	@PostMapping("${line.bot.handler.path:/callback}")
	ResponseEntity<?> callback(@RequestHeader(name = "X-Line-Signature", required = false) String header,
			@RequestBody(required = false) byte[] body) {
		if (!signature.isValid(body, header)) {
			log.warn("Rejected a webhook with a missing or invalid X-Line-Signature");
			return problem("Invalid signature", "X-Line-Signature is missing or does not match the body");
		}
		JsonNode events;
		try {
			events = json.readTree(body).get("events");
		}
		catch (IOException | RuntimeException e) {
			return problem("Invalid webhook body", "the body is not a LINE webhook JSON object");
		}
		if (events == null || !events.isArray()) {
			return problem("Invalid webhook body", "the body has no 'events' array");
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

	private static ResponseEntity<ProblemDetail> problem(String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setTitle(title);
		return ResponseEntity.badRequest().body(problem);
	}

}
