package th.or.dga.budgetbot.process;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The built application jar run as a child process, as it runs in production: for what only a
 * real process shows (a SIGKILL mid-send, a Redis outage, the heap of a large send). Started
 * from the project root, since it reads {@code intents/} and {@code config/}; its output goes
 * to a file.
 */
public final class AppJar implements AutoCloseable {

	/**
	 * What {@code GET /actuator/health} answered: its status code and {@code status} member
	 * ({@code UP}, {@code DOWN}, or {@code UNREACHABLE} when no answer came), and how long it took.
	 */
	public record Health(int httpStatus, String state, Duration took) {

		public boolean up() {
			return httpStatus == 200 && "UP".equals(state);
		}

		public boolean down() {
			return httpStatus == 503 && "DOWN".equals(state);
		}

	}

	/** Settings of the test JVM's environment that would override what a test passes on the command line. */
	private static final List<String> INHERITED_SETTINGS = List.of("ADMIN_TOKEN", "LINE_BOT_CHANNEL_SECRET",
			"LINE_BOT_CHANNEL_TOKEN", "LINE_BOT_API_END_POINT", "SPRING_DATA_REDIS_URL", "SERVER_PORT",
			"APP_NOTICES_QUIET_HOURS", "APP_PRIVACY_USER_ID_KEY", "SPRING_PROFILES_ACTIVE");

	/** Longer than the second health has to answer in, so that a slow answer is seen as slow rather than as none. */
	static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(5);

	private static final Pattern HEALTH_STATE = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");

	private final Process process;

	private final int port;

	private final Path log;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private AppJar(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/**
	 * Starts {@code java [jvmOptions] -jar <jar> --server.port=<port> [arguments]}, its output
	 * appended to {@code log}.
	 */
	public static AppJar start(int port, Path log, List<String> jvmOptions, List<String> arguments) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.add("-jar");
		command.add(jar().toString());
		command.add("--server.port=" + port);
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command).directory(projectRoot().toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		Map<String, String> environment = builder.environment();
		INHERITED_SETTINGS.forEach(environment::remove);
		try {
			Files.createDirectories(log.getParent());
			Files.writeString(log, "\n=== " + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
					java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
			return new AppJar(builder.start(), port, log);
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot start " + command, e);
		}
	}

	/** {@code target/budget-bot-*.jar} (not the {@code .original} the Boot plugin leaves beside it). */
	public static Path jar() {
		Path target = projectRoot().resolve("target");
		Path expected = target.resolve("budget-bot-0.1.0-SNAPSHOT.jar");
		if (Files.isRegularFile(expected)) {
			return expected;
		}
		try (Stream<Path> files = Files.list(target)) {
			return files.filter(p -> p.getFileName().toString().matches("budget-bot-.*\\.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("no application jar in " + target + ": run mvn package first"));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public static Path projectRoot() {
		return Path.of(System.getProperty("user.dir")).toAbsolutePath();
	}

	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public int port() {
		return port;
	}

	public long pid() {
		return process.pid();
	}

	public boolean isAlive() {
		return process.isAlive();
	}

	/** Waits until {@code /actuator/health} says UP; fails at once, with the log's tail, if the process died. */
	public AppJar awaitHealthy(Duration atMost) {
		await().atMost(atMost).pollInterval(Duration.ofMillis(250)).until(() -> health().up());
		return this;
	}

	/**
	 * Asks {@code /actuator/health}, waiting at most {@code HEALTH_TIMEOUT} for the answer; throws,
	 * with the log's tail, if the process has died.
	 */
	public Health health() {
		assertAlive();
		long start = System.nanoTime();
		try {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
				.timeout(HEALTH_TIMEOUT)
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			Matcher state = HEALTH_STATE.matcher(response.body());
			return new Health(response.statusCode(), state.find() ? state.group(1) : "", took);
		}
		catch (IOException e) {
			return new Health(0, "UNREACHABLE", Duration.ofNanos(System.nanoTime() - start));
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return new Health(0, "UNREACHABLE", Duration.ofNanos(System.nanoTime() - start));
		}
	}

	/** Fails, with the log's tail, if the process has exited. */
	public void assertAlive() {
		if (!process.isAlive()) {
			throw new IllegalStateException("the app exited with " + process.exitValue() + "; its log ends:\n" + tail(60));
		}
	}

	/** SIGKILL on Linux: no shutdown hook, no graceful shutdown, nothing flushed. */
	public void kill() {
		process.destroyForcibly();
		try {
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("the app did not die within 30 s of a kill");
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/** SIGTERM, a graceful shutdown (logs flushed); SIGKILL if that takes over 30 s. */
	public void stop() {
		process.destroy();
		try {
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				kill();
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/** The last lines the app wrote (across its starts, as they share the file). */
	public String tail(int lines) {
		try {
			List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException | UncheckedIOException e) {
			return "(cannot read " + log + ": " + e + ")";
		}
	}

	@Override
	public void close() {
		if (process.isAlive()) {
			kill();
		}
	}

}
