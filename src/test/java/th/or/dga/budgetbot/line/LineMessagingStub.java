package th.or.dga.budgetbot.line;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the LINE Messaging API on loopback that keeps the state LINE keeps: accepted
 * retry keys (a repeat gets 409 and is not delivered again), used reply tokens, what each
 * recipient was sent, the month's consumption, and how fast requests arrived. Faults are
 * scripted per endpoint for the next requests. WireMock answers from rules; a 409 depends on
 * what was accepted before, hence a stateful server of our own.
 *
 * <p>
 * Like LINE, a request is processed to the end even when the client has given up on it: a
 * slow answer or a timeout says nothing about whether the message went out. Everything a test
 * asserts on is recorded before the answer is written, so it is visible as soon as the client
 * has its response.
 *
 * <p>
 * Also runs as a process ({@link #main}) for the benchmark script and for tests that run the
 * app as a separate process; {@code GET /stub/stats} and {@code POST /stub/reset} serve those.
 */
public final class LineMessagingStub {

	/** The Messaging API endpoints the stub serves. */
	public enum Endpoint {

		PUSH("POST", "/v2/bot/message/push", "push", true),
		MULTICAST("POST", "/v2/bot/message/multicast", "multicast", true),
		BROADCAST("POST", "/v2/bot/message/broadcast", "broadcast", true),
		REPLY("POST", "/v2/bot/message/reply", "reply", false),
		QUOTA("GET", "/v2/bot/message/quota", "quota", false),
		QUOTA_CONSUMPTION("GET", "/v2/bot/message/quota/consumption", "quotaConsumption", false);

		private final String method;

		private final String path;

		private final String key;

		private final boolean takesRetryKey;

		Endpoint(String method, String path, String key, boolean takesRetryKey) {
			this.method = method;
			this.path = path;
			this.key = key;
			this.takesRetryKey = takesRetryKey;
		}

		public String method() {
			return method;
		}

		public String path() {
			return path;
		}

		/** The name in {@code /stub/stats} and on the command line ({@code multicast}, {@code quotaConsumption}). */
		public String key() {
			return key;
		}

		/** LINE takes {@code X-Line-Retry-Key} here; elsewhere the header is a 400. */
		public boolean takesRetryKey() {
			return takesRetryKey;
		}

		static Endpoint of(String method, String path) {
			for (Endpoint endpoint : values()) {
				if (endpoint.method.equals(method) && endpoint.path.equals(path)) {
					return endpoint;
				}
			}
			return null;
		}

		static Endpoint named(String key) {
			for (Endpoint endpoint : values()) {
				if (endpoint.key.equalsIgnoreCase(key) || endpoint.name().equalsIgnoreCase(key)) {
					return endpoint;
				}
			}
			throw new IllegalArgumentException("no endpoint " + key + "; one of " + Arrays.stream(values()).map(Endpoint::key).toList());
		}

	}

	/** What the stub does with the next request to an endpoint, see {@link #next}. */
	public static final class Outcome {

		enum Kind {

			OK, SERVER_ERROR, ACCEPT_THEN_SERVER_ERROR, RATE_LIMITED, MONTHLY_LIMIT, BAD_REQUEST, SLOW, HANG_THEN_SERVER_ERROR

		}

		private final Kind kind;

		private final String message;

		private final Duration delay;

		private Outcome(Kind kind, String message, Duration delay) {
			this.kind = kind;
			this.message = message;
			this.delay = delay;
		}

		/** Processed as LINE would: accepted, or 409 for a retry key already accepted. */
		public static Outcome ok() {
			return new Outcome(Kind.OK, null, Duration.ZERO);
		}

		/** 500 before anything was accepted: nothing delivered, the retry key stays free. */
		public static Outcome serverError() {
			return new Outcome(Kind.SERVER_ERROR, SERVER_ERROR, Duration.ZERO);
		}

		/** Accepted and delivered (the retry key is recorded), yet answered 500: a retry gets 409. */
		public static Outcome acceptThenServerError() {
			return new Outcome(Kind.ACCEPT_THEN_SERVER_ERROR, SERVER_ERROR, Duration.ZERO);
		}

		/** 429 for the rate limit: wait and retry. */
		public static Outcome rateLimited() {
			return new Outcome(Kind.RATE_LIMITED, RATE_LIMIT, Duration.ZERO);
		}

		/** 429 for the month's quota: the same status as a rate limit, told apart only by the message. */
		public static Outcome monthlyLimit() {
			return new Outcome(Kind.MONTHLY_LIMIT, MONTHLY_LIMIT, Duration.ZERO);
		}

		/** 400 with this message; nothing accepted. */
		public static Outcome badRequest(String message) {
			return new Outcome(Kind.BAD_REQUEST, message, Duration.ZERO);
		}

		/** Waits, then processes as {@link #ok()}: delivered even if the client timed out meanwhile. */
		public static Outcome slow(Duration delay) {
			return new Outcome(Kind.SLOW, null, delay);
		}

		/**
		 * Waits, then 500 with nothing processed: LINE's front end gave up on a request its
		 * service never took. A client that stopped waiting earlier cannot tell this from
		 * {@link #slow}, which delivers.
		 */
		public static Outcome hangThenServerError(Duration delay) {
			return new Outcome(Kind.HANG_THEN_SERVER_ERROR, SERVER_ERROR, delay);
		}

		@Override
		public String toString() {
			return kind + (message == null ? "" : " " + message) + (delay.isZero() ? "" : " " + delay);
		}

	}

	/**
	 * One request as the stub received it. {@code headers} and {@code body} are empty when the
	 * stub does not {@link #recordRequests record} requests; {@code arrivalNanos} is the
	 * {@link System#nanoTime()} used for {@link #maxPerSecond} and {@link #limit}.
	 */
	public record ReceivedRequest(Endpoint endpoint, String method, String path, Map<String, List<String>> headers, String body,
			String retryKey, String requestId, int status, long arrivalNanos) {

		public String header(String name) {
			List<String> values = headers.get(name);
			return values == null || values.isEmpty() ? null : values.get(0);
		}

		public JsonNode json() {
			try {
				return JSON.readTree(body);
			}
			catch (JsonProcessingException e) {
				throw new IllegalStateException("not JSON: " + body, e);
			}
		}

	}

	static final String RATE_LIMIT = "The API rate limit has been exceeded. Try again later.";

	static final String MONTHLY_LIMIT = "You have reached your monthly limit.";

	static final String SERVER_ERROR = "Internal server error";

	static final String RETRY_KEY_ACCEPTED = "The retry key is already accepted";

	static final String INVALID_REPLY_TOKEN = "Invalid reply token";

	static final String AUTHENTICATION_FAILED = "Authentication failed. Confirm that the access token in the authorization header is valid.";

	static final String RETRY_KEY = "X-Line-Retry-Key";

	static final String REQUEST_ID = "X-Line-Request-Id";

	static final String ACCEPTED_REQUEST_ID = "x-line-accepted-request-id";

	/** LINE answers 413 to a body over 2 MB. */
	static final int MAX_BODY = 2 * 1024 * 1024;

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	private static final Pattern UUID_FORM = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private static final Pattern USER_ID = Pattern.compile("U[0-9a-f]{32}");

	/** A push may also go to a group (C) or a multi-person chat (R). */
	private static final Pattern CHAT_ID = Pattern.compile("[UCR][0-9a-f]{32}");

	private static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

	private final String channelToken;

	private final int port;

	/** Replaced when the stub becomes {@link #reachable()} again; null while {@link #unreachable()}. */
	private volatile HttpServer server;

	private final ExecutorService threads;

	private final Map<Endpoint, Lane> lanes = new EnumMap<>(Endpoint.class);

	private final Queue<ReceivedRequest> received = new ConcurrentLinkedQueue<>();

	/** Retry key (lower case) to the request that was accepted with it. */
	private final Map<String, Accepted> acceptedKeys = new ConcurrentHashMap<>();

	private final Set<String> usedReplyTokens = ConcurrentHashMap.newKeySet();

	private final Map<String, Integer> deliveries = new ConcurrentHashMap<>();

	/** Reply tokens handed out by {@link #issueReplyToken}, to the user each was issued for. */
	private final Map<String, String> replyTokenOwners = new ConcurrentHashMap<>();

	/** Every delivery to a known recipient, in the order accepted (when requests are recorded). */
	private final Queue<Delivery> deliveryLog = new ConcurrentLinkedQueue<>();

	/** Guarded by {@link #acceptance}. */
	private long deliverySequence;

	private final LongAdder delivered = new LongAdder();

	private final LongAdder broadcasts = new LongAdder();

	private final LongAdder replies = new LongAdder();

	private final LongAdder withoutRetryKey = new LongAdder();

	/** Requests taken and not yet answered (a slow one, or one the client gave up on that is still being processed). */
	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicLong messageIds = new AtomicLong(470_000_000_000_000_000L);

	/** Held while a send is checked against accepted keys and the quota, and recorded. */
	private final Object acceptance = new Object();

	private long totalUsage;

	private volatile Long quotaLimit;

	private volatile long followers;

	private volatile boolean recordRequests = true;

	private volatile Runnable afterReset = () -> {
	};

	/** Every hold made since the last reset, in the order made; a request meets them in that order. */
	private final Queue<Hold> holds = new ConcurrentLinkedQueue<>();

	/**
	 * Requests to an endpoint held on their way until {@link #release}d: LINE slow for exactly
	 * as long as a test needs, so that the app provably has work in flight meanwhile. A hold made
	 * by {@link LineMessagingStub#hold(Endpoint)} matches every request and takes it as it
	 * arrives, before anything is checked or accepted (its arrival time is taken before); one
	 * made by {@link LineMessagingStub#hold(Endpoint, Predicate)} takes only the requests whose
	 * body matches, once they have passed LINE's checks: a slow answer for some requests only
	 * (one user's, say), as LINE may be slow for some requests and not others. A released hold
	 * lets through the requests it held and those after them. A held request keeps no thread.
	 */
	public static final class Hold {

		/** Where on its way a request meets a hold. */
		private enum Stage {

			ARRIVED, CHECKED

		}

		private static final CompletableFuture<Void> THROUGH = CompletableFuture.completedFuture(null);

		private final Endpoint endpoint;

		private final Stage stage;

		private final Predicate<JsonNode> matches;

		/** How long one request is held at the most; null: until released. */
		private final Duration atMost;

		private final CompletableFuture<Void> released = new CompletableFuture<>();

		private final AtomicInteger waiting = new AtomicInteger();

		private Hold(Endpoint endpoint, Stage stage, Predicate<JsonNode> matches, Duration atMost) {
			this.endpoint = endpoint;
			this.stage = stage;
			this.matches = matches;
			this.atMost = atMost;
		}

		/** Requests held now. */
		public int waiting() {
			return waiting.get();
		}

		public void release() {
			released.complete(null);
		}

		boolean released() {
			return released.isDone();
		}

		/** Whether a request met at this stage, with this body (null before it is parsed, and for a GET), is held here. */
		private boolean holds(Endpoint to, Stage at, JsonNode body) {
			return to == endpoint && at == stage && !released() && (stage == Stage.ARRIVED || body != null && matches.test(body));
		}

		/**
		 * Completes when the request may go on: at once if released already, else on the given
		 * pool once released (not on the thread of whoever released it), or after {@code atMost}.
		 */
		private CompletableFuture<Void> pass(Executor pool) {
			if (released()) {
				return THROUGH;
			}
			waiting.incrementAndGet();
			CompletableFuture<Void> wait = released.copy();
			if (atMost != null) {
				wait.completeOnTimeout(null, atMost.toNanos(), TimeUnit.NANOSECONDS);
			}
			return wait.whenComplete((none, failure) -> waiting.decrementAndGet()).thenRunAsync(() -> {
			}, pool);
		}

	}

	/** Starts on a free loopback port. */
	public LineMessagingStub(String channelToken) {
		this(channelToken, 0);
	}

	/** Starts on the given loopback port (0: a free one). */
	public LineMessagingStub(String channelToken, int port) {
		this.channelToken = channelToken;
		for (Endpoint endpoint : Endpoint.values()) {
			lanes.put(endpoint, new Lane());
		}
		AtomicInteger count = new AtomicInteger();
		this.threads = Executors.newFixedThreadPool(32, task -> {
			Thread thread = new Thread(task, "line-stub-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		try {
			this.server = listen(port);
		}
		catch (IllegalStateException e) {
			threads.shutdownNow();
			throw e;
		}
		this.port = server.getAddress().getPort();
	}

	private HttpServer listen(int onPort) {
		HttpServer listening;
		try {
			listening = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 1024);
		}
		catch (IOException e) {
			throw new IllegalStateException("cannot listen on 127.0.0.1:" + onPort, e);
		}
		listening.setExecutor(threads);
		listening.createContext("/", this::handle);
		listening.start();
		return listening;
	}

	/** {@code http://127.0.0.1:PORT/}, for {@code line.bot.api-end-point}. */
	public String baseUrl() {
		return "http://127.0.0.1:" + port + "/";
	}

	public int port() {
		return port;
	}

	public void stop() {
		unreachable();
		threads.shutdownNow();
	}

	/**
	 * LINE out of reach: the port is closed, so a client's connection is refused and it knows
	 * that nothing reached LINE. Requests already taken go on to the end (their connections are
	 * closed, so their answers are lost), and everything kept so far is kept.
	 */
	public synchronized LineMessagingStub unreachable() {
		if (server != null) {
			server.stop(0);
			server = null;
		}
		return this;
	}

	/** Listening again on the same port, after {@link #unreachable()}, with all it had kept. */
	public synchronized LineMessagingStub reachable() {
		if (server == null) {
			server = listen(port);
		}
		return this;
	}

	/**
	 * Forgets everything received, delivered and accepted, and every fault, latency, limit,
	 * quota and follower count set since the start; keeps the token and {@link #recordRequests}.
	 * Requests still in flight are not waited for.
	 */
	public void reset() {
		holds.forEach(Hold::release);
		holds.clear();
		synchronized (acceptance) {
			lanes.values().forEach(Lane::reset);
			received.clear();
			acceptedKeys.clear();
			usedReplyTokens.clear();
			deliveries.clear();
			replyTokenOwners.clear();
			deliveryLog.clear();
			delivered.reset();
			broadcasts.reset();
			replies.reset();
			withoutRetryKey.reset();
			totalUsage = 0;
			quotaLimit = null;
			followers = 0;
		}
		afterReset.run();
	}

	// --- faults and settings ---

	/**
	 * Holds the requests to this endpoint whose body matches, once LINE's checks have passed,
	 * until the hold is released, a minute at the most; see {@link Hold}.
	 */
	public Hold hold(Endpoint endpoint, Predicate<JsonNode> matches) {
		return add(new Hold(endpoint, Hold.Stage.CHECKED, matches, Duration.ofMinutes(1)));
	}

	/** Scripts what the next requests to this endpoint get, in order; afterwards requests are processed normally. */
	public LineMessagingStub next(Endpoint endpoint, Outcome... outcomes) {
		lanes.get(endpoint).script.addAll(List.of(outcomes));
		return this;
	}

	/**
	 * What every request to this endpoint gets once the {@link #next script} is used up, until
	 * {@link #recovered}: LINE failing for a while rather than for a number of requests.
	 */
	public LineMessagingStub failing(Endpoint endpoint, Outcome outcome) {
		lanes.get(endpoint).standing = outcome;
		return this;
	}

	/** Requests to this endpoint are processed normally again once the script is used up. */
	public LineMessagingStub recovered(Endpoint endpoint) {
		lanes.get(endpoint).standing = null;
		return this;
	}

	/** Scripted outcomes not yet used. */
	public int scripted(Endpoint endpoint) {
		return lanes.get(endpoint).script.size();
	}

	/** Every request to this endpoint waits this long before it is processed. */
	public LineMessagingStub setLatency(Endpoint endpoint, Duration latency) {
		lanes.get(endpoint).latency = latency;
		return this;
	}

	/**
	 * Holds every request to this endpoint as it arrives, before anything is checked or accepted,
	 * until {@link #release}: LINE slow for exactly as long as a test needs, so that the app
	 * provably has work in flight meanwhile. Arrival times are taken before the hold. See
	 * {@link Hold}.
	 */
	public Hold hold(Endpoint endpoint) {
		return add(new Hold(endpoint, Hold.Stage.ARRIVED, body -> true, null));
	}

	private Hold add(Hold hold) {
		holds.removeIf(Hold::released);
		holds.add(hold);
		return hold;
	}

	/** Releases every hold on this endpoint: the requests held, and those after them, go through. */
	public LineMessagingStub release(Endpoint endpoint) {
		for (Hold hold : holds) {
			if (hold.endpoint == endpoint) {
				hold.release();
			}
		}
		holds.removeIf(Hold::released);
		return this;
	}

	/** Requests to this endpoint being held now, by any hold. */
	public int held(Endpoint endpoint) {
		return holds.stream().filter(hold -> hold.endpoint == endpoint).mapToInt(Hold::waiting).sum();
	}

	/**
	 * Answers 429 (rate limit) to a request when this many were let through in the second
	 * before it (a sliding window over arrival times); 0 lifts the limit. A sliding window is
	 * the strictest reading of "N per second": a token bucket holding N that also refills N a
	 * second lets up to 2N through in one sliding second, and this stub says so.
	 */
	public LineMessagingStub limit(Endpoint endpoint, int permitsPerSecond) {
		lanes.get(endpoint).window.permits = Math.max(0, permitsPerSecond);
		return this;
	}

	/** {@code GET /v2/bot/message/quota} answers limited to this; a send that would go over gets the monthly-limit 429. */
	public LineMessagingStub quota(long messagesPerMonth) {
		quotaLimit = messagesPerMonth;
		return this;
	}

	/** No monthly quota ({@code "type":"none"}), the default. */
	public LineMessagingStub unlimitedQuota() {
		quotaLimit = null;
		return this;
	}

	/** Starts the month's consumption at this figure, as if sent earlier this month. */
	public LineMessagingStub consumption(long totalUsage) {
		synchronized (acceptance) {
			this.totalUsage = totalUsage;
		}
		return this;
	}

	/** How many users a broadcast reaches (for the quota); 0 by default. */
	public LineMessagingStub followers(long followers) {
		this.followers = followers;
		return this;
	}

	/**
	 * Whether to keep each request (headers and body) for {@link #requests} and
	 * {@link #assertEveryRequestValid}; on by default. Off, only counts and measurements are
	 * kept, so memory stays flat through a benchmark of any length.
	 */
	public LineMessagingStub recordRequests(boolean record) {
		this.recordRequests = record;
		return this;
	}

	/**
	 * A reply token for an event from this user, as LINE issues one with each event it sends:
	 * a reply with it is then counted as a delivery to the user ({@link #deliveries},
	 * {@link #deliveriesTo}). Tokens the stub did not issue are still accepted once, but are
	 * not counted for anyone.
	 */
	public String issueReplyToken(String userId) {
		String token = UUID.randomUUID().toString().replace("-", "");
		replyTokenOwners.put(token, userId);
		return token;
	}

	// --- what was delivered ---

	/**
	 * How many accepted requests reached this recipient: pushes and multicasts naming them, and
	 * replies with a token {@link #issueReplyToken issued} for them.
	 */
	public int deliveries(String userId) {
		return deliveries.getOrDefault(userId, 0);
	}

	/** {@link #deliveries} of every recipient reached. */
	public Map<String, Integer> deliveryCounts() {
		return Map.copyOf(deliveries);
	}

	/**
	 * What this recipient was sent, in the order LINE accepted it; kept only while requests
	 * are {@link #recordRequests recorded}.
	 */
	public List<Delivery> deliveriesTo(String userId) {
		return deliveryLog.stream()
			.filter(d -> d.to().equals(userId))
			.sorted(Comparator.comparingLong(Delivery::sequence))
			.toList();
	}

	/** Recipients delivered to more than once: for a notice, each one is a defect. */
	public Set<String> duplicates() {
		return deliveries.entrySet()
			.stream()
			.filter(e -> e.getValue() > 1)
			.map(Map.Entry::getKey)
			.collect(Collectors.toUnmodifiableSet());
	}

	/** Deliveries by push and multicast, counting each recipient of each accepted request. */
	public long totalDelivered() {
		return delivered.sum();
	}

	/** Accepted broadcasts. */
	public long broadcasts() {
		return broadcasts.sum();
	}

	/** Accepted replies. */
	public long replies() {
		return replies.sum();
	}

	/** What {@code GET /v2/bot/message/quota/consumption} answers now. */
	public long totalUsage() {
		synchronized (acceptance) {
			return totalUsage;
		}
	}

	// --- what was received ---

	/**
	 * Messaging API requests taken and not yet processed to the end: until this is 0, a slow
	 * request may still deliver, and is not yet in {@link #requests}.
	 */
	public int inFlight() {
		return inFlight.get();
	}

	/** Requests received by this endpoint (any answer), counted even when not recorded. */
	public long requestCount(Endpoint endpoint) {
		return lanes.get(endpoint).requests.sum();
	}

	/** The most requests to this endpoint that arrived within any one second. */
	public int maxPerSecond(Endpoint endpoint) {
		return lanes.get(endpoint).window.max();
	}

	/** How often this endpoint answered each status. */
	public Map<Integer, Long> responses(Endpoint endpoint) {
		Map<Integer, Long> counts = new TreeMap<>();
		lanes.get(endpoint).statuses.forEach((status, count) -> counts.put(status, count.sum()));
		return counts;
	}

	/** Every recorded request, unknown paths included, in order of arrival. */
	public List<ReceivedRequest> requests() {
		return received.stream().sorted(Comparator.comparingLong(ReceivedRequest::arrivalNanos)).toList();
	}

	public List<ReceivedRequest> requests(Endpoint endpoint) {
		return requests().stream().filter(r -> r.endpoint() == endpoint).toList();
	}

	/** The bodies of the recorded replies with this reply token, in order of arrival, whatever they were answered. */
	public List<JsonNode> repliesTo(String replyToken) {
		return requests(Endpoint.REPLY).stream()
			.map(ReceivedRequest::json)
			.filter(body -> replyToken.equals(body.path("replyToken").asText()))
			.toList();
	}

	/** The {@code messages} of every recorded push and multicast to this recipient that was accepted (200), in order of arrival. */
	public List<JsonNode> messagesTo(String userId) {
		return requests().stream()
			.filter(r -> (r.endpoint() == Endpoint.PUSH || r.endpoint() == Endpoint.MULTICAST) && r.status() == 200)
			.map(ReceivedRequest::json)
			.filter(body -> body.get("to").isArray() ? contains(body.get("to"), userId) : userId.equals(body.get("to").asText()))
			.map(body -> body.get("messages"))
			.toList();
	}

	private static boolean contains(JsonNode array, String value) {
		for (JsonNode element : array) {
			if (value.equals(element.asText())) {
				return true;
			}
		}
		return false;
	}

	/** Recorded requests to push, multicast or broadcast that came without {@code X-Line-Retry-Key}. */
	public List<ReceivedRequest> requestsWithoutRetryKey() {
		return requests().stream().filter(r -> r.endpoint() != null && r.endpoint().takesRetryKey() && r.retryKey() == null).toList();
	}

	/** Requests to push, multicast or broadcast without a retry key, counted even when not recorded. */
	public long withoutRetryKeyCount() {
		return withoutRetryKey.sum();
	}

	/**
	 * Checks every recorded request against LINE's OpenAPI description and fails listing all
	 * that do not match; a request the stub itself refused is checked too, since the app sent it.
	 */
	public void assertEveryRequestValid() {
		if (!recordRequests) {
			throw new AssertionError("the stub was told not to record requests, so there is nothing to validate");
		}
		List<ReceivedRequest> all = requests();
		List<String> failures = new ArrayList<>();
		for (ReceivedRequest request : all) {
			try {
				LineContract.assertValidMessagingApiRequest(request.method(), request.path(), request.headers(), request.body());
			}
			catch (AssertionError e) {
				failures.add(e.getMessage());
			}
		}
		if (!failures.isEmpty()) {
			throw new AssertionError(failures.size() + " of " + all.size() + " requests do not match messaging-api.yml:\n"
					+ String.join("\n", failures));
		}
	}

	/** The most of these arrival times ({@link System#nanoTime()}) that fall within any one second. */
	public static int maxPerSecondOf(long... arrivalNanos) {
		long[] sorted = arrivalNanos.clone();
		Arrays.sort(sorted);
		SlidingSecond window = new SlidingSecond();
		for (long arrival : sorted) {
			window.arriveAt(arrival);
		}
		return window.max();
	}

	// --- serving ---

	private void handle(HttpExchange exchange) {
		String path = exchange.getRequestURI().getPath();
		if (path.startsWith("/stub/")) {
			try (exchange) {
				control(exchange, exchange.getRequestMethod(), path);
			}
			catch (IOException e) {
				// the client went away
			}
			return;
		}
		inFlight.incrementAndGet();
		try {
			serve(exchange, path);
		}
		catch (RuntimeException | Error e) {
			inFlight.decrementAndGet();
			exchange.close();
			throw e;
		}
	}

	/**
	 * Takes a request and answers it when its answer is ready: at once, or after a simulated
	 * latency ({@link #setLatency}, {@link Outcome#slow}), which is a delayed completion on the
	 * stub's pool, so no thread waits out the time; nor does a request {@link #hold held}.
	 */
	private void serve(HttpExchange exchange, String path) {
		String method = exchange.getRequestMethod();
		Endpoint endpoint = Endpoint.of(method, path);
		Lane lane = endpoint == null ? null : lanes.get(endpoint);
		Arrival arrival = lane == null ? new Arrival(System.nanoTime(), true) : lane.window.arrive();
		Headers headers = exchange.getRequestHeaders();
		String retryKey = headers.getFirst(RETRY_KEY);
		if (lane != null) {
			lane.requests.increment();
			if (endpoint.takesRetryKey() && retryKey == null) {
				withoutRetryKey.increment();
			}
		}
		byte[] body;
		try {
			body = readAtMost(exchange.getRequestBody(), MAX_BODY + 1);
		}
		catch (IOException e) {
			// The client went away before its request was whole: nothing was taken.
			inFlight.decrementAndGet();
			exchange.close();
			return;
		}
		String requestId = UUID.randomUUID().toString();
		CompletableFuture<Answer> answer;
		try {
			answer = answer(endpoint, lane, arrival, headers, body, retryKey, requestId);
		}
		catch (RuntimeException e) {
			answer = CompletableFuture.failedFuture(e);
		}
		answer.exceptionally(failure -> {
			// A defect of the stub, not a scripted fault: say so loudly rather than pass for LINE.
			Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
			cause.printStackTrace();
			return Answer.error(500, "stub failure: " + cause);
		}).thenAccept(ready -> respond(exchange, endpoint, lane, method, headers, body, retryKey, requestId, arrival, ready));
	}

	private void respond(HttpExchange exchange, Endpoint endpoint, Lane lane, String method, Headers headers, byte[] body,
			String retryKey, String requestId, Arrival arrival, Answer answer) {
		try (exchange) {
			if (lane != null) {
				lane.statuses.computeIfAbsent(answer.status(), s -> new LongAdder()).increment();
			}
			if (recordRequests) {
				received.add(new ReceivedRequest(endpoint, method, exchange.getRequestURI().toString(), copy(headers),
						new String(body, StandardCharsets.UTF_8), retryKey, requestId, answer.status(), arrival.nanos()));
			}
			answer.headers().put(REQUEST_ID, requestId);
			write(exchange, answer);
		}
		catch (IOException e) {
			// The client went away; whatever was accepted stays accepted, as at LINE.
		}
		finally {
			inFlight.decrementAndGet();
		}
	}

	private CompletableFuture<Answer> answer(Endpoint endpoint, Lane lane, Arrival arrival, Headers headers, byte[] raw,
			String retryKey, String requestId) {
		if (lane == null) {
			return CompletableFuture.completedFuture(checked(null, null, arrival, headers, raw, retryKey, requestId));
		}
		return heldAt(endpoint, Hold.Stage.ARRIVED, null).thenCompose(none -> after(lane.latency))
			.thenCompose(none -> outcome(endpoint, lane, arrival, headers, raw, retryKey, requestId));
	}

	/** The answer once any latency has passed: refused by a check, or as the lane's script says after any hold. */
	private CompletableFuture<Answer> outcome(Endpoint endpoint, Lane lane, Arrival arrival, Headers headers, byte[] raw,
			String retryKey, String requestId) {
		JsonNode[] parsed = new JsonNode[1];
		Answer refused = checked(endpoint, parsed, arrival, headers, raw, retryKey, requestId);
		if (refused != null) {
			return CompletableFuture.completedFuture(refused);
		}
		JsonNode body = parsed[0];
		return heldAt(endpoint, Hold.Stage.CHECKED, body).thenCompose(none -> scripted(endpoint, lane, body, retryKey, requestId));
	}

	/** Completes when every hold the request meets at this stage has let it through; at once when none holds it. */
	private CompletableFuture<Void> heldAt(Endpoint endpoint, Hold.Stage stage, JsonNode body) {
		CompletableFuture<Void> through = Hold.THROUGH;
		for (Hold hold : holds) {
			if (hold.holds(endpoint, stage, body)) {
				through = through.thenCompose(none -> hold.pass(threads));
			}
		}
		return through;
	}

	/** The answer the lane's script (or its standing outcome) gives a request that passed LINE's checks. */
	private CompletableFuture<Answer> scripted(Endpoint endpoint, Lane lane, JsonNode body, String retryKey, String requestId) {
		Outcome outcome = lane.script.poll();
		if (outcome == null) {
			outcome = lane.standing;
		}
		Outcome.Kind kind = outcome == null ? Outcome.Kind.OK : outcome.kind;
		String message = outcome == null ? null : outcome.message;
		switch (kind) {
			case SERVER_ERROR:
				return CompletableFuture.completedFuture(Answer.error(500, message));
			case RATE_LIMITED:
			case MONTHLY_LIMIT:
				return CompletableFuture.completedFuture(Answer.error(429, message));
			case BAD_REQUEST:
				return CompletableFuture.completedFuture(Answer.error(400, message));
			case SLOW:
				return after(outcome.delay).thenApply(none -> process(endpoint, body, retryKey, requestId));
			case HANG_THEN_SERVER_ERROR:
				return after(outcome.delay).thenApply(none -> Answer.error(500, message));
			case ACCEPT_THEN_SERVER_ERROR:
				process(endpoint, body, retryKey, requestId);
				return CompletableFuture.completedFuture(Answer.error(500, message));
			default:
				return CompletableFuture.completedFuture(process(endpoint, body, retryKey, requestId));
		}
	}

	/**
	 * What LINE checks before it takes a request: the answer refusing it, or null if it passes
	 * (a POST's body then in {@code parsed[0]}). Without an endpoint, always a refusal.
	 */
	private Answer checked(Endpoint endpoint, JsonNode[] parsed, Arrival arrival, Headers headers, byte[] raw,
			String retryKey, String requestId) {
		if (!("Bearer " + channelToken).equals(headers.getFirst("Authorization"))) {
			return Answer.error(401, AUTHENTICATION_FAILED);
		}
		if (endpoint == null) {
			return Answer.error(404, "Not found");
		}
		if (raw.length > MAX_BODY) {
			return Answer.error(413, "Request Entity Too Large");
		}
		if (!arrival.admitted()) {
			return Answer.error(429, RATE_LIMIT);
		}
		if (retryKey != null && !endpoint.takesRetryKey()) {
			return Answer.error(400, "The X-Line-Retry-Key header cannot be used with this endpoint");
		}
		if (retryKey != null && !UUID_FORM.matcher(retryKey).matches()) {
			return Answer.error(400, "The value of the X-Line-Retry-Key header is invalid");
		}
		if ("POST".equals(endpoint.method())) {
			List<ObjectNode> problems = new ArrayList<>();
			JsonNode body = parse(raw, problems);
			if (body != null) {
				check(endpoint, body, problems);
			}
			if (!problems.isEmpty()) {
				Answer invalid = Answer.error(400, "The request body has " + problems.size() + " error(s)");
				invalid.body().putArray("details").addAll(problems);
				return invalid;
			}
			parsed[0] = body;
		}
		return null;
	}

	/** Completes after the delay on the stub's pool, with no thread waiting meanwhile. */
	private CompletableFuture<Void> after(Duration delay) {
		if (delay.isZero() || delay.isNegative()) {
			return CompletableFuture.completedFuture(null);
		}
		return CompletableFuture.runAsync(() -> {
		}, CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS, threads));
	}

	private Answer process(Endpoint endpoint, JsonNode body, String retryKey, String requestId) {
		switch (endpoint) {
			case QUOTA: {
				Answer answer = Answer.ok();
				Long limit = quotaLimit;
				answer.body().put("type", limit == null ? "none" : "limited");
				if (limit != null) {
					answer.body().put("value", limit);
				}
				return answer;
			}
			case QUOTA_CONSUMPTION: {
				Answer answer = Answer.ok();
				answer.body().put("totalUsage", totalUsage());
				return answer;
			}
			case REPLY: {
				String token = body.get("replyToken").asText();
				synchronized (acceptance) {
					if (!usedReplyTokens.add(token)) {
						return Answer.error(400, INVALID_REPLY_TOKEN);
					}
					replies.increment();
					String owner = replyTokenOwners.get(token);
					if (owner != null) {
						deliveries.merge(owner, 1, Integer::sum);
						logDelivery(owner, endpoint, body, token, null);
					}
				}
				Answer answer = Answer.ok();
				answer.body().set("sentMessages", sentMessages(body));
				return answer;
			}
			default:
				return send(endpoint, body, retryKey, requestId);
		}
	}

	private Answer send(Endpoint endpoint, JsonNode body, String retryKey, String requestId) {
		List<String> recipients = new ArrayList<>();
		if (endpoint == Endpoint.PUSH) {
			recipients.add(body.get("to").asText());
		}
		else if (endpoint == Endpoint.MULTICAST) {
			body.get("to").forEach(id -> recipients.add(id.asText()));
		}
		long cost = endpoint == Endpoint.BROADCAST ? followers : recipients.size();
		ArrayNode sentMessages = endpoint == Endpoint.PUSH ? sentMessages(body) : null;
		synchronized (acceptance) {
			if (retryKey != null) {
				Accepted first = acceptedKeys.get(retryKey.toLowerCase(Locale.ROOT));
				if (first != null) {
					Answer conflict = Answer.error(409, RETRY_KEY_ACCEPTED);
					conflict.headers().put(ACCEPTED_REQUEST_ID, first.requestId());
					if (first.sentMessages() != null) {
						conflict.body().set("sentMessages", first.sentMessages());
					}
					return conflict;
				}
			}
			Long limit = quotaLimit;
			if (limit != null && totalUsage + cost > limit) {
				return Answer.error(429, MONTHLY_LIMIT);
			}
			if (retryKey != null) {
				acceptedKeys.put(retryKey.toLowerCase(Locale.ROOT), new Accepted(requestId, sentMessages));
			}
			totalUsage += cost;
			// Counted inside the lock so that a test reading counts after a 409 sees the first delivery.
			for (String recipient : recipients) {
				deliveries.merge(recipient, 1, Integer::sum);
				logDelivery(recipient, endpoint, body, null, retryKey);
			}
			delivered.add(recipients.size());
			if (endpoint == Endpoint.BROADCAST) {
				broadcasts.increment();
			}
		}
		Answer answer = Answer.ok();
		if (sentMessages != null) {
			answer.body().set("sentMessages", sentMessages);
		}
		return answer;
	}

	/** Called holding {@link #acceptance}, so that sequence numbers follow the order of acceptance. */
	private void logDelivery(String to, Endpoint endpoint, JsonNode body, String replyToken, String retryKey) {
		if (!recordRequests) {
			return;
		}
		List<String> texts = new ArrayList<>();
		for (JsonNode message : body.path("messages")) {
			texts.add(message.path("text").isTextual() ? message.get("text").asText() : "[" + message.path("type").asText() + "]");
		}
		deliveryLog.add(new Delivery(++deliverySequence, to, endpoint, List.copyOf(texts), replyToken, retryKey));
	}

	private ArrayNode sentMessages(JsonNode body) {
		ArrayNode sent = JSON.createArrayNode();
		for (int i = 0; i < body.get("messages").size(); i++) {
			long id = messageIds.incrementAndGet();
			sent.addObject().put("id", Long.toString(id)).put("quoteToken", "q" + Long.toString(id, 36));
		}
		return sent;
	}

	private static JsonNode parse(byte[] raw, List<ObjectNode> problems) {
		try {
			JsonNode body = JSON.readTree(raw);
			if (body != null && body.isObject()) {
				return body;
			}
		}
		catch (IOException e) {
			// reported below
		}
		problems.add(problem("The request body is not a JSON object", null));
		return null;
	}

	/** The checks LINE makes before it accepts anything; the message objects themselves are left to the contract. */
	private static void check(Endpoint endpoint, JsonNode body, List<ObjectNode> problems) {
		JsonNode messages = body.get("messages");
		if (messages == null || !messages.isArray()) {
			problems.add(problem("must be specified", "messages"));
		}
		else if (messages.size() < 1 || messages.size() > 5) {
			problems.add(problem("Size must be between 1 and 5", "messages"));
		}
		else {
			for (int i = 0; i < messages.size(); i++) {
				if (!messages.get(i).path("type").isTextual()) {
					problems.add(problem("must be specified", "messages[" + i + "].type"));
				}
			}
		}
		switch (endpoint) {
			case PUSH -> {
				JsonNode to = body.get("to");
				if (to == null || !to.isTextual() || !CHAT_ID.matcher(to.asText()).matches()) {
					problems.add(problem("Invalid user, group or room ID", "to"));
				}
			}
			case MULTICAST -> {
				JsonNode to = body.get("to");
				if (to == null || !to.isArray()) {
					problems.add(problem("must be specified", "to"));
				}
				else if (to.size() < 1 || to.size() > 500) {
					problems.add(problem("Size must be between 1 and 500", "to"));
				}
				else {
					for (int i = 0; i < to.size(); i++) {
						if (!to.get(i).isTextual() || !USER_ID.matcher(to.get(i).asText()).matches()) {
							problems.add(problem("Invalid user ID", "to[" + i + "]"));
						}
					}
				}
			}
			case REPLY -> {
				if (!body.path("replyToken").isTextual() || body.get("replyToken").asText().isEmpty()) {
					problems.add(problem("must be specified", "replyToken"));
				}
			}
			default -> {
			}
		}
	}

	private static ObjectNode problem(String message, String property) {
		ObjectNode problem = JSON.createObjectNode().put("message", message);
		if (property != null) {
			problem.put("property", property);
		}
		return problem;
	}

	private void control(HttpExchange exchange, String method, String path) throws IOException {
		if ("GET".equals(method) && "/stub/stats".equals(path)) {
			write(exchange, new Answer(200, stats(), new LinkedHashMap<>()));
		}
		else if ("POST".equals(method) && "/stub/reset".equals(path)) {
			reset();
			write(exchange, Answer.ok());
		}
		else {
			write(exchange, Answer.error(404, "Not found"));
		}
	}

	/** What {@code GET /stub/stats} answers. */
	public ObjectNode stats() {
		ObjectNode stats = JSON.createObjectNode();
		stats.put("delivered", totalDelivered());
		stats.put("distinct", deliveries.size());
		stats.put("duplicates", duplicates().size());
		stats.put("broadcasts", broadcasts());
		stats.put("replies", replies());
		stats.put("totalUsage", totalUsage());
		ObjectNode requests = stats.putObject("requests");
		ObjectNode maxPerSecond = stats.putObject("maxPerSecond");
		ObjectNode responses = stats.putObject("responses");
		for (Endpoint endpoint : Endpoint.values()) {
			requests.put(endpoint.key(), requestCount(endpoint));
			maxPerSecond.put(endpoint.key(), maxPerSecond(endpoint));
			ObjectNode statuses = responses.putObject(endpoint.key());
			responses(endpoint).forEach((status, count) -> statuses.put(status.toString(), count));
		}
		stats.put("withoutRetryKey", withoutRetryKeyCount());
		return stats;
	}

	private static void write(HttpExchange exchange, Answer answer) throws IOException {
		byte[] bytes = JSON.writeValueAsBytes(answer.body());
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		answer.headers().forEach(exchange.getResponseHeaders()::set);
		exchange.sendResponseHeaders(answer.status(), bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	private static byte[] readAtMost(InputStream in, int limit) throws IOException {
		byte[] bytes = in.readNBytes(limit);
		in.transferTo(java.io.OutputStream.nullOutputStream());
		return bytes;
	}

	private static Map<String, List<String>> copy(Headers headers) {
		Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
		return Collections.unmodifiableMap(copy);
	}

	// --- as a process ---

	/**
	 * {@code --port N --token T [--limit multicast=200]... [--latency multicast=PT0.05S]...
	 * [--followers N] [--quota N] [--record-requests]}: prints
	 * {@code LINE stub listening on http://127.0.0.1:PORT/} and serves until killed.
	 * {@code POST /stub/reset} keeps what the command line set.
	 */
	public static void main(String[] args) throws InterruptedException {
		LineMessagingStub stub = fromArguments(args);
		Runtime.getRuntime().addShutdownHook(new Thread(stub::stop));
		System.out.println("LINE stub listening on " + stub.baseUrl());
		System.out.flush();
		new CountDownLatch(1).await();
	}

	static LineMessagingStub fromArguments(String[] args) {
		int port = 0;
		String token = null;
		boolean record = false;
		List<Runnable> settings = new ArrayList<>();
		LineMessagingStub[] stub = new LineMessagingStub[1];
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if ("--record-requests".equals(arg)) {
				record = true;
				continue;
			}
			if (i + 1 >= args.length) {
				throw new IllegalArgumentException(arg + " needs a value");
			}
			String value = args[++i];
			switch (arg) {
				case "--port" -> port = Integer.parseInt(value);
				case "--token" -> token = value;
				case "--followers" -> settings.add(() -> stub[0].followers(Long.parseLong(value)));
				case "--quota" -> settings.add(() -> stub[0].quota(Long.parseLong(value)));
				case "--limit" -> {
					String[] pair = pair(arg, value);
					settings.add(() -> stub[0].limit(Endpoint.named(pair[0]), Integer.parseInt(pair[1])));
				}
				case "--latency" -> {
					String[] pair = pair(arg, value);
					settings.add(() -> stub[0].setLatency(Endpoint.named(pair[0]), Duration.parse(pair[1])));
				}
				default -> throw new IllegalArgumentException("unknown option " + arg
						+ "; use --port N --token T [--limit endpoint=N] [--latency endpoint=PT0.05S] [--followers N] [--quota N] [--record-requests]");
			}
		}
		if (token == null) {
			throw new IllegalArgumentException("--token is required: the channel token the app sends");
		}
		stub[0] = new LineMessagingStub(token, port);
		stub[0].recordRequests(record);
		Runnable apply = () -> settings.forEach(Runnable::run);
		apply.run();
		stub[0].afterReset = apply;
		return stub[0];
	}

	private static String[] pair(String option, String value) {
		String[] pair = value.split("=", 2);
		if (pair.length != 2) {
			throw new IllegalArgumentException(option + " takes endpoint=value, not " + value);
		}
		return pair;
	}

	// --- internals ---

	/** Per endpoint: its arrivals, limit, latency, script and counts. */
	private static final class Lane {

		final SlidingSecond window = new SlidingSecond();

		final Queue<Outcome> script = new ConcurrentLinkedQueue<>();

		final LongAdder requests = new LongAdder();

		final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();

		volatile Duration latency = Duration.ZERO;

		volatile Outcome standing;

		void reset() {
			window.reset();
			script.clear();
			standing = null;
			requests.reset();
			statuses.clear();
			latency = Duration.ZERO;
		}

	}

	/**
	 * Arrivals in the last second, for the busiest second seen and for an enforced limit. The
	 * clock is read under the lock so that arrivals are in order; a window ending at an arrival
	 * t holds the arrivals after t - 1 s.
	 */
	static final class SlidingSecond {

		private final ArrayDeque<Long> arrivals = new ArrayDeque<>();

		private final ArrayDeque<Long> admitted = new ArrayDeque<>();

		private int max;

		private volatile int permits;

		synchronized Arrival arrive() {
			return arriveAt(System.nanoTime());
		}

		synchronized Arrival arriveAt(long now) {
			evict(arrivals, now);
			arrivals.addLast(now);
			max = Math.max(max, arrivals.size());
			int limit = permits;
			if (limit <= 0) {
				admitted.clear();
				return new Arrival(now, true);
			}
			evict(admitted, now);
			if (admitted.size() >= limit) {
				return new Arrival(now, false);
			}
			admitted.addLast(now);
			return new Arrival(now, true);
		}

		synchronized int max() {
			return max;
		}

		synchronized void reset() {
			arrivals.clear();
			admitted.clear();
			max = 0;
			permits = 0;
		}

		private static void evict(ArrayDeque<Long> window, long now) {
			while (!window.isEmpty() && window.peekFirst() <= now - SECOND) {
				window.removeFirst();
			}
		}

	}

	record Arrival(long nanos, boolean admitted) {
	}

	/**
	 * One accepted request as one recipient got it: by reply (then {@code replyToken} is set) or
	 * by push or multicast (then {@code retryKey}, if the request had one). {@code texts} holds
	 * each message's text, or its type in brackets ({@code [flex]}).
	 */
	public record Delivery(long sequence, String to, Endpoint endpoint, List<String> texts, String replyToken, String retryKey) {

		/** The first message's text: what the recipient reads first. */
		public String text() {
			return texts.isEmpty() ? "" : texts.get(0);
		}

	}

	private record Accepted(String requestId, ArrayNode sentMessages) {
	}

	private record Answer(int status, ObjectNode body, Map<String, String> headers) {

		static Answer ok() {
			return new Answer(200, JSON.createObjectNode(), new LinkedHashMap<>());
		}

		static Answer error(int status, String message) {
			return new Answer(status, JSON.createObjectNode().put("message", message), new LinkedHashMap<>());
		}

	}

}
