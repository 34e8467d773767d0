package th.or.dga.budgetbot.simulator;

import java.util.Map;
import java.util.UUID;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.databind.JsonNode;

import th.or.dga.budgetbot.line.MessageAnswered;

/** Stands in for LINE's reply endpoint in local mode and hands what the bot sent to the simulator. */
@RestController
@RequestMapping("/simulator/line-api")
@ConditionalOnProperty("app.line.local-mode")
class SimulatedLineApi {

	private final SimulatedExchanges exchanges;

	SimulatedLineApi(SimulatedExchanges exchanges) {
		this.exchanges = exchanges;
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
