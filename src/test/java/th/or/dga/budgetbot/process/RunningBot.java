package th.or.dga.budgetbot.process;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.springframework.data.redis.connection.DataType;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.stream.StreamInfo.XInfoGroup;
import org.springframework.data.redis.connection.stream.StreamInfo.XInfoGroups;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import th.or.dga.budgetbot.admin.AdminApi;
import th.or.dga.budgetbot.line.LineMessagingStub;
import th.or.dga.budgetbot.line.Webhooks;
import th.or.dga.budgetbot.store.RestartableRedis;

/**
 * The bot as it runs in production, for the process-level fault tests: the packaged jar as a
 * process, on a Redis server process of its own, talking to the stub LINE API over HTTP. The
 * test plays LINE (signed webhooks) and the operator (health, the admin API), looks into
 * Redis for what is unfinished, and counts at the stub what each user was sent.
 */
public final class RunningBot implements AutoCloseable {

	public static final String SECRET = "fault-it-channel-secret-0123456789";

	public static final String TOKEN = "fault-it-channel-token";

	/** The bootstrap admin token: every role. */
	public static final String ADMIN = "fault-it-bootstrap-admin-token-0123456789";

	/** A quick start rather than peak speed: the app lives for a minute or two and answers a few hundred events. */
	private static final List<String> JVM = List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

	/** Generous for two cores shared with other builds; a start usually takes 10-20 s. */
	public static final Duration START_UP = Duration.ofSeconds(120);

	/** Longer than LINE's 2 s, so that a slow answer is measured rather than cut off. */
	private static final Duration WEBHOOK_TIMEOUT = Duration.ofSeconds(10);

	private static RunningBot shared;

	/** A webhook's answer as LINE would see it: the status (0 when none came) and how long it took. */
	public record WebhookAnswer(int status, Duration took) {
	}

	private final RestartableRedis redis;

	/** The test's own client of that Redis, for what {@link #unfinishedInRedis()} reads; it reconnects after an outage. */
	private final LettuceConnectionFactory redisClient;

	private final StringRedisTemplate redisTemplate;

	private final LineMessagingStub line;

	/** The jar's command line; {@link #startAgain} may change settings. */
	private final List<String> arguments;

	private final int port;

	private final Path log;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final AdminApi admin;

	private volatile AppJar app;

	private RunningBot(String name, RestartableRedis redis, LineMessagingStub line, List<String> arguments, int port) {
		this.redis = redis;
		this.redisClient = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", redis.port()),
				LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(5)).build());
		redisClient.afterPropertiesSet();
		redisClient.start();
		this.redisTemplate = new StringRedisTemplate(redisClient);
		redisTemplate.afterPropertiesSet();
		this.line = line;
		this.arguments = arguments;
		this.port = port;
		this.log = AppJar.projectRoot().resolve("target/" + name + "/app.log");
		this.admin = new AdminApi(port, ADMIN);
	}

	/**
	 * Starts a Redis of its own, the stub, and the jar with {@code settings} ({@code --key=value})
	 * added to its command line, or replacing the defaults of the same key; returns once health
	 * says UP.
	 */
	public static RunningBot start(String name, String... settings) {
		RestartableRedis redis = new RestartableRedis();
		redis.start();
		LineMessagingStub line = new LineMessagingStub(TOKEN);
		List<String> arguments = new ArrayList<>(List.of("--spring.data.redis.url=" + redis.url(),
				"--line.bot.channel-secret=" + SECRET, "--line.bot.channel-token=" + TOKEN,
				"--line.bot.api-end-point=" + line.baseUrl(), "--app.admin.bootstrap-token=" + ADMIN,
				"--app.notices.quiet-hours=off", "--app.line.instance-id=" + name,
				// Not what these tests are about, and most of each start on a small machine: the classifier's training.
				"--app.nlu.iterations=10",
				// On a machine loaded past its cores a Redis handshake can take over the production 1 s, and
				// a start then fails; a test of Redis outages sets the production values itself.
				"--spring.data.redis.timeout=5s", "--spring.data.redis.connect-timeout=2s"));
		override(arguments, settings);
		RunningBot bot = new RunningBot(name, redis, line, arguments, AppJar.freePort());
		try {
			Files.deleteIfExists(bot.log);
			bot.startApp();
		}
		catch (IOException e) {
			bot.close();
			throw new UncheckedIOException(e);
		}
		catch (RuntimeException | Error e) {
			bot.close();
			throw e;
		}
		return bot;
	}

	/**
	 * One bot for the test classes of this JVM whose scenarios leave it as they found it (each
	 * with users of its own, waiting for the inbox to drain before and after): it saves a start
	 * per class. Stopped when the JVM exits. Its replies time out after 2 s
	 * ({@code app.line.reply-timeout}), so that a stub slower than that is a timeout.
	 */
	public static synchronized RunningBot shared() {
		if (shared == null) {
			shared = start("shared-faults-it", "--app.line.reply-timeout=2s");
			RunningBot stopping = shared;
			Runtime.getRuntime().addShutdownHook(new Thread(stopping::close, "shared-bot-stop"));
		}
		return shared;
	}

	public LineMessagingStub line() {
		return line;
	}

	/** Stop and start it for an outage: it comes back with its data. */
	public RestartableRedis redis() {
		return redis;
	}

	public AppJar app() {
		return app;
	}

	/** SIGKILL of the app; Redis and the stub stay. */
	public void kill() {
		app.kill();
	}

	/**
	 * Starts the jar again with the same command line (port, instance id), {@code settings}
	 * ({@code --key=value}) replacing those of the same key, and waits for health UP.
	 */
	public void startAgain(String... settings) {
		override(arguments, settings);
		startApp();
	}

	/** A setting given twice would be read as a list of both values: the later one replaces the earlier. */
	private static void override(List<String> arguments, String... settings) {
		for (String setting : settings) {
			String key = setting.substring(0, setting.indexOf('=') + 1);
			arguments.removeIf(argument -> argument.startsWith(key));
			arguments.add(setting);
		}
	}

	private void startApp() {
		app = AppJar.start(port, log, JVM, List.copyOf(arguments)).awaitHealthy(START_UP);
	}

	// --- playing LINE ---

	/** A text message event from this user, with a reply token the stub issued for them. */
	public ObjectNode question(String userId, String text) {
		return Webhooks.text(line.issueReplyToken(userId), userId, text);
	}

	/** Posts one webhook body with its signature. */
	public WebhookAnswer post(String body) {
		return post(body.getBytes(StandardCharsets.UTF_8));
	}

	/** Posts these exact bytes, signed; a timeout or a refused connection is status 0. */
	public WebhookAnswer post(byte[] body) {
		return postAsync(body).join();
	}

	/** {@link #post(byte[])} without holding a thread while the bot answers. */
	public CompletableFuture<WebhookAnswer> postAsync(byte[] body) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/callback"))
			.timeout(WEBHOOK_TIMEOUT)
			.header("Content-Type", "application/json")
			.header("X-Line-Signature", Webhooks.signature(SECRET, body))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		long start = System.nanoTime();
		return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
			.handle((response, failure) -> new WebhookAnswer(failure == null ? response.statusCode() : 0,
					Duration.ofNanos(System.nanoTime() - start)));
	}

	// --- what the operator sees ---

	/** {@code GET /api/admin/inbox/dead-letters}: the dead letters, as a JSON array. */
	public JsonNode deadLetters() {
		AdminApi.Response response;
		try {
			response = admin.get("/api/admin/inbox/dead-letters");
		}
		catch (Exception e) {
			throw new AssertionError("the dead letters could not be read: " + e, e);
		}
		if (response.status() != 200 || response.body() == null) {
			throw new AssertionError("GET /api/admin/inbox/dead-letters answered " + response.status() + ": " + response.raw().body());
		}
		JsonNode body = response.body();
		if (body.isArray()) {
			return body;
		}
		for (JsonNode member : body) {
			if (member.isArray()) {
				return member;
			}
		}
		throw new AssertionError("GET /api/admin/inbox/dead-letters is not a list: " + body);
	}

	/** The ids of the {@link #deadLetters()} (the newest hundred or so, as the endpoint lists them). */
	public Set<String> deadLetterIds() {
		Set<String> ids = new HashSet<>();
		deadLetters().forEach(letter -> ids.add(letter.path("id").asText(letter.path("webhookEventId").asText())));
		return ids;
	}

	/**
	 * What the stream consumers in Redis have not finished, over every stream with a consumer
	 * group (the inbox's among them): entries not yet read by a group, and entries read but not
	 * acknowledged (held by a worker, waiting for a retry, or left by a dead worker). Empty when
	 * every event accepted so far is finished. Read from Redis itself, so it holds whatever the
	 * stream keys are called.
	 */
	public List<String> unfinishedInRedis() {
		StringRedisTemplate template = redisTemplate;
		List<String> unfinished = new ArrayList<>();
		try (Cursor<String> keys = template.scan(ScanOptions.scanOptions().type(DataType.STREAM).count(1000).build())) {
			while (keys.hasNext()) {
				String key = keys.next();
				XInfoGroups groups = template.opsForStream().groups(key);
				if (groups.isEmpty()) {
					continue;
				}
				String last = template.opsForStream().info(key).lastGeneratedId();
				for (XInfoGroup group : groups) {
					if (group.pendingCount() > 0) {
						unfinished.add(key + " " + group.groupName() + ": " + group.pendingCount() + " pending");
					}
					if (template.opsForStream().size(key) > 0 && !last.equals(group.lastDeliveredId())) {
						unfinished.add(key + " " + group.groupName() + ": not read past " + group.lastDeliveredId() + " of " + last);
					}
				}
			}
		}
		return unfinished;
	}

	/**
	 * Waits until every event accepted so far is finished ({@link #unfinishedInRedis()} empty)
	 * and LINE has processed every request it took (a slow one may still deliver); fails at
	 * once if the app died.
	 */
	public void awaitDrained(Duration atMost) {
		await("the inbox drained").atMost(atMost).pollInterval(Duration.ofMillis(250)).until(() -> {
			app.assertAlive();
			return unfinishedInRedis();
		}, List::isEmpty);
		await("LINE done with every request").atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> line.inFlight() == 0);
	}

	/** Waits until the stub has delivered something to each of these users; fails at once if the app died. */
	public void awaitAnswered(Collection<String> users, Duration atMost) {
		await("every user answered").atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> {
			app.assertAlive();
			return users.stream().allMatch(u -> line.deliveries(u) > 0);
		});
	}

	/** Users of these whose delivery count is not exactly one, with their count. */
	public String notAnsweredExactlyOnce(Collection<String> users) {
		return users.stream()
			.filter(u -> line.deliveries(u) != 1)
			.map(u -> u + "=" + line.deliveries(u))
			.collect(Collectors.joining(", "));
	}

	/** The app's log, the last lines (across its starts). */
	public String tail(int lines) {
		return app == null ? "(not started)" : app.tail(lines);
	}

	@Override
	public void close() {
		if (app != null) {
			app.close();
		}
		line.stop();
		redisClient.destroy();
		redis.close();
	}

}
