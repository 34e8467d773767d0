package th.or.dga.budgetbot.simulator;

import java.util.Map;
import java.util.UUID;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.databind.JsonNode;

import th.or.dga.budgetbot.line.MessageAnswered;

/**
 * Stands in for LINE's Messaging API in local mode: replies go to the simulator's waiting
 * exchanges, notices' pushes are kept for {@code GET /simulator/pushes}.
 */
@RestController
@RequestMapping("/simulator/line-api")
@ConditionalOnProperty("app.line.local-mode")
class SimulatedLineApi {

	private final SimulatedExchanges exchanges;

	private final SimulatedPushes pushes;

	SimulatedLineApi(SimulatedExchanges exchanges, SimulatedPushes pushes) {
		this.exchanges = exchanges;
		this.pushes = pushes;
	}

	/** Push, multicast and broadcast, as LINE takes them: 200, or 409 for a retry key already accepted. */
	@PostMapping("/v2/bot/message/{endpoint:push|multicast|broadcast}")
	ResponseEntity<Map<String, Object>> push(@PathVariable String endpoint,
			@RequestHeader(name = "X-Line-Retry-Key", required = false) String retryKey, @RequestBody JsonNode body) {
		String requestId = UUID.randomUUID().toString();
		if (!pushes.accept(endpoint, retryKey, body)) {
			return ResponseEntity.status(409)
				.header("X-Line-Request-Id", requestId)
				.body(Map.of("message", "The retry key is already accepted"));
		}
		return ResponseEntity.ok().header("X-Line-Request-Id", requestId).body(Map.of());
	}

	/** What notices sent, newest last (the last 100 requests). */
	@GetMapping(path = "/pushes", produces = "application/json")
	java.util.List<SimulatedPushes.Push> recent() {
		return pushes.recent();
	}

	/** A local bot has no monthly limit. */
	@GetMapping("/v2/bot/message/quota")
	Map<String, Object> quota() {
		return Map.of("type", "none");
	}

	@GetMapping("/v2/bot/message/quota/consumption")
	Map<String, Object> consumption() {
		return Map.of("totalUsage", 0);
	}

	@PostMapping("/v2/bot/message/reply")
	ResponseEntity<Map<String, Object>> reply(@RequestBody JsonNode body) {
		exchanges.sent(body.path("replyToken").asText(), body);
		return ResponseEntity.ok().header("X-Line-Request-Id", UUID.randomUUID().toString()).body(Map.of());
	}

	@EventListener
	void answered(MessageAnswered answered) {
		exchanges.answered(answered.replyToken(), answered.reply());
	}

}
