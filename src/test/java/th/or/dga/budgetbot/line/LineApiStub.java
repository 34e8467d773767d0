package th.or.dga.budgetbot.line;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * A stand-in for the LINE Messaging API on loopback that answers as LINE does: 200 with
 * sentMessages for a reply, and on demand 429 (rate limit), 500 or 400 (invalid reply
 * token), each with an X-Line-Request-Id and LINE's error body.
 */
public final class LineApiStub {

	static final String REPLY = "/v2/bot/message/reply";

	private final ObjectMapper json = new ObjectMapper();

	private final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

	public LineApiStub() {
		server.start();
		reset();
	}

	public String baseUrl() {
		return server.baseUrl() + "/";
	}

	public void reset() {
		server.resetAll();
		server.stubFor(any(anyUrl()).atPriority(10)
			.willReturn(error(404, "Not found")));
		server.stubFor(post(urlPathEqualTo(REPLY)).atPriority(5)
			.willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withHeader("X-Line-Request-Id", UUID.randomUUID().toString())
				.withBody("{\"sentMessages\":[{\"id\":\"461230966842064897\",\"quoteToken\":\"IStG5h1Tz7b\"}]}")));
	}

	public WireMockServer server() {
		return server;
	}

	static ResponseDefinitionBuilder error(int status, String message) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withHeader("X-Line-Request-Id", UUID.randomUUID().toString())
			.withBody("{\"message\":\"" + message + "\"}");
	}

	public List<LoggedRequest> replyRequests() {
		return server.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo(REPLY)));
	}

	/** The reply bodies LINE received for a reply token. */
	public List<JsonNode> repliesTo(String replyToken) {
		return replyRequests().stream().map(this::body).filter(b -> replyToken.equals(b.path("replyToken").asText())).toList();
	}

	public List<LoggedRequest> allRequests() {
		return server.getAllServeEvents().stream().map(e -> e.getRequest()).map(LoggedRequest.class::cast).toList();
	}

	JsonNode body(LoggedRequest request) {
		try {
			return json.readTree(request.getBodyAsString());
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	public void stop() {
		server.stop();
	}

}
