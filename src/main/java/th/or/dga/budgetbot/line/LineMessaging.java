package th.or.dga.budgetbot.line;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Messaging API calls that send something that is not a reply (push, multicast,
 * broadcast) and the quota look-ups, over plain HTTP rather than through SDK 6.0.0: the SDK's
 * client cannot take a retry key on every call, mis-parses a 409 that carries
 * {@code sentMessages}, and hides the status and the {@code X-Line-Request-Id} that a sender
 * must record. Every send carries the caller's {@code X-Line-Retry-Key}; the outcome is told
 * apart exactly as LINE says it (status, request id, message), and nothing here retries:
 * deciding that is the sender's job, as only it knows the retry key is kept.
 */
public class LineMessaging {

	/** The endpoints a notice is sent through, each with its own rate limit at LINE. */
	public enum Endpoint {

		PUSH("v2/bot/message/push"), MULTICAST("v2/bot/message/multicast"), BROADCAST("v2/bot/message/broadcast");

		private final String path;

		Endpoint(String path) {
			this.path = path;
		}

		public String path() {
			return path;
		}

	}

	/** What became of one request, as LINE said it. */
	public enum Result {

		/** 2xx: LINE accepted the request (which is not a delivery: blocked users get 200 too). */
		ACCEPTED,
		/** 409: a request with this retry key was accepted before; nothing was sent again. */
		ALREADY_ACCEPTED,
		/** 429 for the rate or concurrency limit: nothing was sent; wait and try again. */
		RATE_LIMITED,
		/** 429 "You have reached your monthly limit.": nothing was sent, and waiting does not help. */
		MONTHLY_LIMIT,
		/** 5xx: may or may not have been accepted; the same retry key makes a retry safe. */
		SERVER_ERROR,
		/** No answer in time, or the connection broke: as unknown as a 5xx. */
		NO_ANSWER,
		/** Any other 4xx: the request is wrong and will stay wrong. */
		REFUSED;

		public boolean sent() {
			return this == ACCEPTED || this == ALREADY_ACCEPTED;
		}

		public boolean worthRetrying() {
			return this == RATE_LIMITED || this == SERVER_ERROR || this == NO_ANSWER;
		}

	}

	/**
	 * @param status the HTTP status, 0 when there was no answer
	 * @param requestId LINE's {@code X-Line-Request-Id}, or for a 409 the accepted request's id
	 * @param message LINE's error message, or what went wrong on the way
	 */
	public record Outcome(Result result, int status, String requestId, String message) {
	}

	/** The monthly message quota and what was used of it. {@code limited} false means no limit. */
	public record Quota(boolean limited, long limit, long used) {

		public long remaining() {
			return limited ? Math.max(0, limit - used) : Long.MAX_VALUE;
		}

	}

	static final String MONTHLY_LIMIT_MESSAGE = "You have reached your monthly limit.";

	private final Supplier<URI> endpoint;

	private final String channelToken;

	private final Duration timeout;

	private final ObjectMapper json;

	private final HttpClient http;

	public LineMessaging(Supplier<URI> endpoint, String channelToken, Duration timeout, ObjectMapper json) {
		this.endpoint = endpoint;
		this.channelToken = channelToken;
		this.timeout = timeout;
		this.json = json;
		this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
	}

	/** Sends one request with its retry key; never throws for what LINE or the network did. */
	public Outcome send(Endpoint target, UUID retryKey, byte[] body) {
		HttpRequest request = HttpRequest.newBuilder(endpoint.get().resolve(target.path()))
			.timeout(timeout)
			.header("Authorization", "Bearer " + channelToken)
			.header("Content-Type", "application/json")
			.header("X-Line-Retry-Key", retryKey.toString())
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		HttpResponse<byte[]> response;
		try {
			response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (HttpTimeoutException e) {
			return new Outcome(Result.NO_ANSWER, 0, null, "no answer within " + timeout.toMillis() + " ms");
		}
		catch (IOException e) {
			return new Outcome(Result.NO_ANSWER, 0, null, "connection failed: " + e.getClass().getSimpleName());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return new Outcome(Result.NO_ANSWER, 0, null, "interrupted");
		}
		return outcome(response);
	}

	private Outcome outcome(HttpResponse<byte[]> response) {
		int status = response.statusCode();
		String requestId = response.headers().firstValue("X-Line-Request-Id").orElse(null);
		String message = message(response.body());
		if (status >= 200 && status < 300) {
			return new Outcome(Result.ACCEPTED, status, requestId, null);
		}
		if (status == 409) {
			String accepted = response.headers().firstValue("X-Line-Accepted-Request-Id").orElse(requestId);
			return new Outcome(Result.ALREADY_ACCEPTED, status, accepted, message);
		}
		if (status == 429) {
			Result result = message != null && message.contains(MONTHLY_LIMIT_MESSAGE) ? Result.MONTHLY_LIMIT : Result.RATE_LIMITED;
			return new Outcome(result, status, requestId, message);
		}
		if (status >= 500) {
			return new Outcome(Result.SERVER_ERROR, status, requestId, message);
		}
		return new Outcome(Result.REFUSED, status, requestId, message);
	}

	/** LINE's {@code message}, with the first detail if any; bounded, as it ends up in records. */
	private String message(byte[] body) {
		if (body == null || body.length == 0) {
			return null;
		}
		try {
			JsonNode node = json.readTree(body);
			String message = node.path("message").asText(null);
			JsonNode detail = node.path("details").path(0);
			if (message != null && !detail.isMissingNode()) {
				message += " (" + detail.path("property").asText("") + ": " + detail.path("message").asText("") + ")";
			}
			return message == null ? null : message.length() > 500 ? message.substring(0, 500) : message;
		}
		catch (IOException e) {
			return "unreadable error body";
		}
	}

	/** The month's quota and consumption; empty when LINE does not answer both. */
	public Optional<Quota> quota() {
		try {
			JsonNode quota = get("v2/bot/message/quota");
			JsonNode consumption = get("v2/bot/message/quota/consumption");
			if (quota == null || consumption == null) {
				return Optional.empty();
			}
			boolean limited = "limited".equals(quota.path("type").asText());
			return Optional.of(new Quota(limited, quota.path("value").asLong(0), consumption.path("totalUsage").asLong(0)));
		}
		catch (IOException e) {
			return Optional.empty();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
	}

	private JsonNode get(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(endpoint.get().resolve(path))
			.timeout(timeout)
			.header("Authorization", "Bearer " + channelToken)
			.GET()
			.build();
		HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
		return response.statusCode() == 200 ? json.readTree(response.body()) : null;
	}

}
