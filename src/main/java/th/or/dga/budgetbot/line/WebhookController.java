package th.or.dga.budgetbot.line;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The LINE webhook. Reads at most {@code app.line.max-webhook-bytes} (413 past it, before any
 * signature work), checks the signature on the raw bytes, reads the events strictly
 * ({@link WebhookEvents}: 400 naming what is wrong, nothing queued), queues them in the inbox in
 * one step and answers 200 at once: the answer is worked out off the request thread, because
 * LINE counts a webhook over 2 s as failed. When the events cannot be kept (Redis unreachable:
 * its time-outs are short, so this is known well within the 2 s; or the inbox is past
 * {@code app.line.inbox-max-depth}) the answer is 503 and nothing was queued, so that LINE
 * sends the webhook again (with redelivery on in the LINE console) and nothing is lost.
 */
@RestController
class WebhookController {

	private static final Logger log = LoggerFactory.getLogger(WebhookController.class);

	private final WebhookSignature signature;

	private final EventInbox inbox;

	private final int maxBodyBytes;

	private final int maxEvents;

	private final MeterRegistry meters;

	/** Spring's, which writes a problem detail's members the RFC 9457 way. */
	private final ObjectMapper problems;

	WebhookController(WebhookSignature signature, EventInbox inbox, LineProperties properties, ObjectMapper problems,
			MeterRegistry meters) {
		this.signature = signature;
		this.inbox = inbox;
		this.problems = problems;
		this.meters = meters;
		this.maxBodyBytes = properties.maxWebhookBytesAsInt();
		this.maxEvents = properties.maxWebhookEvents();
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
		List<InboxEvent> events;
		try {
			events = WebhookEvents.read(body, maxEvents);
		}
		catch (InvalidWebhook e) {
			count("other", "refused", 1);
			// The detail may quote the body; it goes back in the answer, and to the log only at DEBUG.
			log.warn("Refused a signed webhook of {} bytes that is not a LINE webhook", body.length);
			log.debug("Refused webhook: {}", e.getMessage());
			return problem(HttpStatus.BAD_REQUEST, "Invalid webhook body", e.getMessage());
		}
		EventInbox.Acceptance acceptance;
		try {
			acceptance = inbox.accept(events);
		}
		catch (DataAccessException e) {
			events.forEach(event -> count(event.type(), "unavailable", 1));
			log.warn("Could not queue a webhook's {} event(s), answered 503 for LINE to send it again: {}", events.size(),
					e.toString());
			return problem(HttpStatus.SERVICE_UNAVAILABLE, "Inbox unavailable",
					"the events could not be stored; send the webhook again later");
		}
		if (acceptance.full()) {
			events.forEach(event -> count(event.type(), "unavailable", 1));
			log.warn("The inbox is past app.line.inbox-max-depth: answered 503 to a webhook of {} event(s)", events.size());
			return problem(HttpStatus.SERVICE_UNAVAILABLE, "Inbox full",
					"too many events wait to be answered; send the webhook again later");
		}
		for (int i = 0; i < events.size(); i++) {
			count(events.get(i).type(), acceptance.queued().get(i) ? "queued" : "duplicate", 1);
		}
		log.debug("Webhook: {} event(s), {} new", events.size(), acceptance.queued().stream().filter(q -> q).count());
		return ResponseEntity.ok().build();
	}

	private void count(String type, String outcome, int n) {
		meters.counter("bot.webhook.events", "type", type, "outcome", outcome).increment(n);
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
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
