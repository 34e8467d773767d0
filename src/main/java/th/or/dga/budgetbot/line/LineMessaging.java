package th.or.dga.budgetbot.line;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every Messaging API call the bot makes (reply, push, multicast, broadcast, the quota
 * look-ups), over plain HTTP rather than through SDK 6.0.0: the SDK's client cannot take a
 * retry key on every call, mis-parses a 409 that carries {@code sentMessages}, and hides the
 * status and the {@code X-Line-Request-Id} that a sender must record. Every send but a reply
 * carries the caller's {@code X-Line-Retry-Key} (LINE refuses it on a reply, whose token is its
 * own guard: single use). The outcome is told apart exactly as LINE says it (status, request
 * id, message), the same for replies, notices and the inbox's pushes; nothing here retries:
 * deciding that is the sender's job, as only it knows whether a retry is safe. Each request
 * waits for its endpoint's share of LINE's rate limit ({@link Throttle}) and is counted:
 * {@code bot.line.calls} by endpoint and status, {@code bot.line.retries} by endpoint.
 */
public class LineMessaging {

	/** The endpoints the bot sends through, each with its own rate limit at LINE. */
	public enum Endpoint {

		REPLY("v2/bot/message/reply", "reply"), PUSH("v2/bot/message/push", "push"),
		MULTICAST("v2/bot/message/multicast", "multicast"), BROADCAST("v2/bot/message/broadcast", "broadcast");

		private final String path;

		private final String tag;

		Endpoint(String path, String tag) {
			this.path = path;
			this.tag = tag;
		}

		public String path() {
			return path;
		}

		/** LINE takes {@code X-Line-Retry-Key} on every endpoint here but reply (there it is a 400). */
		public boolean takesRetryKey() {
			return this != REPLY;
		}

	}

	/**
	 * Waits until an endpoint may take one more request under LINE's rate limits, counted across
	 * every instance (the notice feature provides it, configured by {@code app.notices.rates}).
	 */
	@FunctionalInterface
	public interface Throttle {

		Throttle NONE = endpoint -> {
		};

		void acquire(Endpoint endpoint) throws InterruptedException;

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
		/** No answer in time, or the connection broke while the request was on its way: as unknown as a 5xx. */
		NO_ANSWER,
		/**
		 * No connection could be made (refused, or not made within the time-out): the request
		 * never left, so nothing can have been delivered; try again.
		 */
		NOT_SENT,
		/**
		 * 400 "Invalid reply token" to a reply: the token was used, or is too old. Nothing was
		 * sent now; whether an earlier attempt with it was delivered, only that attempt knows.
		 */
		INVALID_REPLY_TOKEN,
		/** Any other 4xx: the request is wrong and will stay wrong. */
		REFUSED;

		public boolean sent() {
			return this == ACCEPTED || this == ALREADY_ACCEPTED;
		}

		public boolean worthRetrying() {
			return this == RATE_LIMITED || this == SERVER_ERROR || this == NO_ANSWER || this == NOT_SENT;
		}

		/** Whether LINE may have taken the request although it did not say so. */
		public boolean outcomeUnknown() {
			return this == SERVER_ERROR || this == NO_ANSWER;
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

	static final String INVALID_REPLY_TOKEN_MESSAGE = "Invalid reply token";

	private final Supplier<URI> endpoint;

	private final String channelToken;

	private final Duration timeout;

	private final ObjectMapper json;

	private final HttpClient http;

	private final Throttle throttle;

	private final MeterRegistry meters;

	public LineMessaging(Supplier<URI> endpoint, String channelToken, Duration timeout, ObjectMapper json, Throttle throttle,
			MeterRegistry meters) {
		this.endpoint = endpoint;
		this.channelToken = channelToken;
		this.timeout = timeout;
		this.json = json;
		this.throttle = throttle;
		this.meters = meters;
		this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
	}

	/** A first attempt; see {@link #send(Endpoint, UUID, byte[], int)}. */
	public Outcome send(Endpoint target, UUID retryKey, byte[] body) throws InterruptedException {
		return send(target, retryKey, body, 1);
	}

	/**
	 * Sends one request, after waiting for the endpoint's rate limit; never throws for what LINE
	 * or the network did.
	 *
	 * @param retryKey the request's {@code X-Line-Retry-Key}: required, and the same on every
	 *     attempt of one request, for all but a reply, which must have none
	 * @param attempt which attempt of the request this is (from 1): later ones count as retries
	 * @throws InterruptedException while waiting for the rate limit; nothing was sent
	 */
	public Outcome send(Endpoint target, UUID retryKey, byte[] body, int attempt) throws InterruptedException {
		if (target.takesRetryKey() != (retryKey != null)) {
			throw new IllegalArgumentException(target + (target.takesRetryKey() ? " needs" : " takes no") + " retry key");
		}
		throttle.acquire(target);
		if (attempt > 1) {
			meters.counter("bot.line.retries", "endpoint", target.tag).increment();
		}
		HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.get().resolve(target.path()))
			.timeout(timeout)
			.header("Authorization", "Bearer " + channelToken)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		if (retryKey != null) {
			request.header("X-Line-Retry-Key", retryKey.toString());
		}
		Outcome outcome = exchange(target, request.build());
		meters.counter("bot.line.calls", "endpoint", target.tag, "status", outcome.status() == 0 ? "none" : Integer.toString(outcome.status()))
			.increment();
		return outcome;
	}

	private Outcome exchange(Endpoint target, HttpRequest request) throws InterruptedException {
		HttpResponse<byte[]> response;
		try {
			response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (HttpConnectTimeoutException e) {
			return new Outcome(Result.NOT_SENT, 0, null, "no connection within " + timeout.toMillis() + " ms");
		}
		catch (HttpTimeoutException e) {
			return new Outcome(Result.NO_ANSWER, 0, null, "no answer within " + timeout.toMillis() + " ms");
		}
		catch (ConnectException e) {
			return new Outcome(Result.NOT_SENT, 0, null, "connection refused");
		}
		catch (IOException e) {
			return new Outcome(Result.NO_ANSWER, 0, null, "connection failed: " + e.getClass().getSimpleName());
		}
		return outcome(target, response);
	}

	private Outcome outcome(Endpoint target, HttpResponse<byte[]> response) {
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
		if (status == 400 && target == Endpoint.REPLY && message != null && message.startsWith(INVALID_REPLY_TOKEN_MESSAGE)) {
			return new Outcome(Result.INVALID_REPLY_TOKEN, status, requestId, message);
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
		int status = 0;
		try {
			HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
			status = response.statusCode();
			return status == 200 ? json.readTree(response.body()) : null;
		}
		finally {
			meters.counter("bot.line.calls", "endpoint", "quota", "status", status == 0 ? "none" : Integer.toString(status)).increment();
		}
	}

}
