package th.or.dga.budgetbot.simulator;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;

import th.or.dga.budgetbot.conversation.Reply;

/** Replies the simulator waits for, by reply token: what was sent to "LINE" and what the bot made of it. */
class SimulatedExchanges {

	private final Map<String, Exchange> pending = new ConcurrentHashMap<>();

	Exchange open(String replyToken) {
		return pending.computeIfAbsent(replyToken, t -> new Exchange());
	}

	void sent(String replyToken, JsonNode body) {
		Exchange exchange = pending.get(replyToken);
		if (exchange != null) {
			exchange.sent().complete(body);
		}
	}

	void answered(String replyToken, Reply reply) {
		Exchange exchange = pending.get(replyToken);
		if (exchange != null) {
			exchange.answered().complete(reply);
		}
	}

	void close(String replyToken) {
		pending.remove(replyToken);
	}

	record Exchange(CompletableFuture<JsonNode> sent, CompletableFuture<Reply> answered) {

		Exchange() {
			this(new CompletableFuture<>(), new CompletableFuture<>());
		}

	}

}
