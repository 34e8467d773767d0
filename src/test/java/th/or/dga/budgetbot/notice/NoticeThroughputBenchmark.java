package th.or.dga.budgetbot.notice;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.data.redis.connection.StringRedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import th.or.dga.budgetbot.admin.AdminApi;
import th.or.dga.budgetbot.hashing.UserIdHashes;
import th.or.dga.budgetbot.line.LineMessagingStub;
import th.or.dga.budgetbot.line.LineMessagingStub.Endpoint;
import th.or.dga.budgetbot.process.AppJar;
import th.or.dga.budgetbot.store.TestRedis;

/**
 * How fast the built jar hands one notice's recipients to LINE, and its peak heap meanwhile:
 * one notice to one agency with 100,000 linked staff, through the app as a process, a real
 * (embedded) Redis and the stub LINE API in this JVM. Two runs, each on a fresh app and an
 * emptied Redis: {@code unlimited} (the stub answers at once and the app's multicast rate is
 * raised out of the way: what the app itself can do) and {@code line-rate} (the stub refuses
 * over 200 multicasts in any sliding second, as LINE may, and the app keeps its default of 200/s:
 * the limit must hold, no 429). Not a test: a {@code main}, run by
 * {@code bench/notice-throughput.sh}, which prints a report and writes it to
 * {@code target/bench/notice-throughput.txt}.
 *
 * <p>
 * {@code [--users N] [--warm-up N] [--runs unlimited,line-rate] [--multicast-limit 200] [--xmx 1g]
 * [--app-arg --app.notices.senders=8]... [--jvm-arg -XX:StartFlightRecording=filename=target/bench/{run}.jfr]...}
 */
public final class NoticeThroughputBenchmark {

	static final String SECRET = "bench-channel-secret-0123456789abcdef";

	static final String TOKEN = "bench-channel-token";

	static final String ADMIN = "bench-bootstrap-admin-token-0123456789abcdef";

	static final String AGENCY = "BENCH";

	/** A smaller notice sent first to its own agency, so that the measured one runs on warm code, as in a running app. */
	static final String WARM_UP_AGENCY = "WARMUP";

	/** LINE's multicast limit: the stub's and the app's in the {@code line-rate} run, unless {@code --multicast-limit} says otherwise. */
	static final int LINE_MULTICAST_RATE = 200;

	private static final Pattern GC_LINE = Pattern.compile("\\[(\\d+)ms\\].*?(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

	private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

	static final List<String> JVM_EXTRA = new ArrayList<>();

	private final ObjectMapper json = new ObjectMapper();

	private final HttpClient http = HttpClient.newHttpClient();

	private final Path out = AppJar.projectRoot().resolve("target/bench");

	private final int users;

	private final int warmUp;

	private final String xmx;

	private final List<String> extraAppArguments;

	private final int multicastLimit;

	NoticeThroughputBenchmark(int users, int warmUp, String xmx, List<String> extraAppArguments, int multicastLimit) {
		this.multicastLimit = multicastLimit;
		this.users = users;
		this.warmUp = warmUp;
		this.xmx = xmx;
		this.extraAppArguments = extraAppArguments;
	}

	/** What one run measured. */
	record Result(String run, long recipients, long sent, long failed, long retries, double appSeconds, double stubSeconds,
			double postToDoneSeconds, double postSeconds, long multicasts, int maxMulticastsPerSecond, long tooManyRequests,
			long duplicates, double peakHeapDuringSendMb, double peakHeapOverallMb, String heapNote, Cpu postCpu, Cpu sendCpu) {

		double appRate() {
			return appSeconds <= 0 ? 0 : sent / appSeconds;
		}

		double stubRate() {
			return stubSeconds <= 0 ? 0 : sent / stubSeconds;
		}

	}

	/**
	 * CPU seconds spent in a phase by the app, the Redis server and this JVM (the stub): on a
	 * shared machine the wall clock says as much about the neighbours as about the app.
	 */
	record Cpu(double app, double redis, double stub) {

		Cpu minus(Cpu earlier) {
			return new Cpu(app - earlier.app, redis - earlier.redis, stub - earlier.stub);
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "app %.2f, redis %.2f, stub %.2f CPU s", app, redis, stub);
		}

	}

	private static Cpu cpu(long appPid) {
		return new Cpu(cpuSeconds(ProcessHandle.of(appPid)),
				cpuSeconds(ProcessHandle.current().descendants().filter(p -> p.info().command().orElse("").contains("redis-server")).findFirst()),
				((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
					.getProcessCpuTime() / 1e9);
	}

	private static double cpuSeconds(java.util.Optional<ProcessHandle> process) {
		return process.flatMap(p -> p.info().totalCpuDuration()).map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
	}

	public static void main(String[] args) throws Exception {
		int users = 100_000;
		int warmUp = 20_000;
		int multicastLimit = LINE_MULTICAST_RATE;
		String xmx = "1g";
		List<String> runs = List.of("unlimited", "line-rate");
		List<String> extra = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--users" -> users = Integer.parseInt(args[++i]);
				case "--warm-up" -> warmUp = Integer.parseInt(args[++i]);
				case "--multicast-limit" -> multicastLimit = Integer.parseInt(args[++i]);
				case "--runs" -> runs = List.of(args[++i].split(","));
				case "--xmx" -> xmx = args[++i];
				case "--app-arg" -> extra.add(args[++i]);
				case "--jvm-arg" -> JVM_EXTRA.add(args[++i]);
				default -> throw new IllegalArgumentException(
						"unknown option " + args[i] + "; use [--users N] [--warm-up N] [--runs unlimited,line-rate] [--multicast-limit 200] [--xmx 1g] [--app-arg --key=value]... [--jvm-arg -XX:...]...");
			}
		}
		// The JDK's HTTP server under the stub leaves Nagle's algorithm on: each answer's body then
		// waits for the client's delayed ACK of its headers, some 40 ms a request, which would be
		// measured as the app's. LINE has no such stall; the property is read when the first server starts.
		System.setProperty("sun.net.httpserver.nodelay", "true");
		NoticeThroughputBenchmark benchmark = new NoticeThroughputBenchmark(users, warmUp, xmx, extra, multicastLimit);
		List<Result> results = new ArrayList<>();
		for (String run : runs) {
			results.add(benchmark.run(run));
		}
		String report = report(results, users, warmUp, xmx, extra, multicastLimit);
		System.out.println(report);
		Files.writeString(benchmark.out.resolve("notice-throughput.txt"), report, StandardCharsets.UTF_8);
		System.exit(0);
	}

	Result run(String run) throws Exception {
		boolean limited = switch (run) {
			case "unlimited" -> false;
			case "line-rate" -> true;
			default -> throw new IllegalArgumentException("no run " + run + "; unlimited or line-rate");
		};
		Files.createDirectories(out);
		Path log = out.resolve("app-" + run + ".log");
		Path gcLog = out.resolve("gc-" + run + ".log");
		Files.deleteIfExists(log);
		Files.deleteIfExists(gcLog);
		StringRedisTemplate redis = TestRedis.template();
		redis.execute((RedisCallback<Object>) connection -> {
			connection.serverCommands().flushAll();
			return null;
		});
		LineMessagingStub line = new LineMessagingStub(TOKEN);
		if (limited) {
			line.limit(Endpoint.MULTICAST, multicastLimit);
		}
		List<String> arguments = new ArrayList<>(List.of("--spring.data.redis.url=redis://127.0.0.1:" + TestRedis.port(),
				"--line.bot.channel-secret=" + SECRET, "--line.bot.channel-token=" + TOKEN,
				"--line.bot.api-end-point=" + line.baseUrl(), "--app.admin.bootstrap-token=" + ADMIN,
				"--app.notices.quiet-hours=off", "--app.line.instance-id=bench-" + run,
				"--app.notices.approval-threshold=" + (users + 1)));
		if (!limited) {
			arguments.add("--app.notices.rates.multicast-per-second=100000");
		}
		else if (multicastLimit != LINE_MULTICAST_RATE) {
			arguments.add("--app.notices.rates.multicast-per-second=" + multicastLimit);
		}
		// else the app's default, which is LINE's limit
		arguments.addAll(extraAppArguments);
		int port = AppJar.freePort();
		System.out.printf("[%s] starting the app (log %s)%n", run, log);
		List<String> jvm = new ArrayList<>(List.of("-Xmx" + xmx, "-Xlog:gc:file=" + gcLog + ":uptimemillis"));
		JVM_EXTRA.forEach(option -> jvm.add(option.replace("{run}", run)));
		try (AppJar app = AppJar.start(port, log, jvm, arguments)) {
			app.awaitHealthy(Duration.ofMinutes(5));
			AdminApi bootstrap = new AdminApi(port, ADMIN);
			AdminApi sender = bootstrap.as(bootstrap.token("bench", "notice:send", "read"));
			createAgency(port, AGENCY);
			System.out.printf("[%s] linking %,d users to %s%n", run, users, AGENCY);
			link(redis, AGENCY, 0, users);
			if (warmUp > 0) {
				createAgency(port, WARM_UP_AGENCY);
				link(redis, WARM_UP_AGENCY, users, warmUp);
				String warm = sender.post("/api/admin/notices", notice(WARM_UP_AGENCY), Map.of("Idempotency-Key", UUID.randomUUID().toString()))
					.body()
					.get("id")
					.asText();
				awaitFinished(sender, warm);
				System.out.printf("[%s] warm-up notice to %,d users sent%n", run, warmUp);
				line.reset();
				if (limited) {
					line.limit(Endpoint.MULTICAST, multicastLimit);
				}
			}

			Instant processStart = ProcessHandle.of(app.pid()).flatMap(p -> p.info().startInstant()).orElseThrow();
			Cpu cpuBefore = cpu(app.pid());
			Instant posted = Instant.now();
			long postNanos = System.nanoTime();
			AdminApi.Response created = sender.post("/api/admin/notices", notice(AGENCY),
					Map.of("Idempotency-Key", UUID.randomUUID().toString()));
			double postSeconds = (System.nanoTime() - postNanos) / 1e9;
			Cpu cpuPosted = cpu(app.pid());
			if (created.status() != 202) {
				throw new IllegalStateException("the notice was not accepted: " + created.raw().body());
			}
			String id = created.body().get("id").asText();
			System.out.printf("[%s] notice %s accepted in %.2f s (%s)%n", run, id, postSeconds, created.body().get("status").asText());
			awaitFinished(sender, id);
			double postToDone = (System.nanoTime() - postNanos) / 1e9;
			Instant done = Instant.now();
			Cpu cpuDone = cpu(app.pid());
			JsonNode notice = sender.get("/api/admin/notices/" + id).body();
			long heapNowKb = heapUsedKb(app.pid());
			app.stop();

			List<LineMessagingStub.ReceivedRequest> multicasts = line.requests(Endpoint.MULTICAST);
			double stubSeconds = multicasts.size() < 2 ? 0
					: (multicasts.get(multicasts.size() - 1).arrivalNanos() - multicasts.get(0).arrivalNanos()) / 1e9;
			double appSeconds = Duration
				.between(Instant.parse(notice.get("startedAt").asText()), Instant.parse(notice.get("finishedAt").asText()))
				.toNanos() / 1e9;
			long windowFrom = Duration.between(processStart, posted).toMillis();
			long windowTo = Duration.between(processStart, done).toMillis();
			double[] peaks = peakHeapMb(gcLog, windowFrom, windowTo);
			double now = heapNowKb / 1024.0;
			Result result = new Result(run, notice.get("recipients").asLong(), notice.get("sent").asLong(),
					notice.get("failed").asLong(), notice.get("retries").asLong(), appSeconds, stubSeconds, postToDone,
					postSeconds, multicasts.size(), line.maxPerSecond(Endpoint.MULTICAST),
					line.responses(Endpoint.MULTICAST).getOrDefault(429, 0L), line.duplicates().size(),
					Math.max(peaks[0], now), Math.max(peaks[1], now),
					String.format(Locale.ROOT, "%d GCs in the send, heap used at its end %.0f MB", (long) peaks[2], now),
					cpuPosted.minus(cpuBefore), cpuDone.minus(cpuPosted));
			System.out.printf("[%s] done: %s%n", run, result);
			return result;
		}
		finally {
			line.stop();
		}
	}

	private static Map<String, Object> notice(String agency) {
		return Map.of("audience", Map.of("type", "agencies", "codes", List.of(agency)), "messages",
				List.of(Map.of("type", "text", "text", "ประกาศ: เปิดระบบรับคำของบประมาณ ปีงบประมาณ 2571")));
	}

	private static void awaitFinished(AdminApi sender, String id) {
		await().atMost(Duration.ofMinutes(10))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> sender.get("/api/admin/notices/" + id).body().get("status").asText(),
					s -> s.equals("DONE") || s.equals("FAILED"));
	}

	private void createAgency(int port, String code) throws IOException, InterruptedException {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/admin/agencies/" + code))
			.header("Authorization", "Bearer " + ADMIN)
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(
					Map.of("nameTh", "หน่วยงานทดสอบความเร็ว " + code, "nameEn", "Benchmark agency " + code, "ministry", "กระทรวงทดสอบ"))))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200 && response.statusCode() != 201) {
			throw new IllegalStateException("agency not created: " + response.statusCode() + " " + response.body());
		}
	}

	/**
	 * Links the users as {@code agency/StaffLinking} does once an officer typed a link code:
	 * {@code staff:<keyed hash>} names the agency and {@code agency:<CODE>:staff} holds the id.
	 */
	private static void link(StringRedisTemplate redis, String agency, int first, int count) {
		UserIdHashes hashes = UserIdHashes.withKey(SECRET);
		int chunk = 5_000;
		for (int from = first; from < first + count; from += chunk) {
			int to = Math.min(first + count, from + chunk);
			List<String> ids = new ArrayList<>(to - from);
			for (int i = from; i < to; i++) {
				ids.add(String.format(Locale.ROOT, "U%032x", 0xB0000000L + i));
			}
			redis.executePipelined((RedisCallback<Object>) connection -> {
				StringRedisConnection c = (StringRedisConnection) connection;
				for (String id : ids) {
					c.set("staff:" + hashes.hash(id), agency);
				}
				c.sAdd("agency:" + agency + ":staff", ids.toArray(String[]::new));
				return null;
			});
		}
		Long linked = redis.opsForSet().size("agency:" + agency + ":staff");
		if (linked == null || linked != count) {
			throw new IllegalStateException("linked " + linked + " of " + count);
		}
	}

	/**
	 * The heap used just before each collection is the most it held since the one before:
	 * the largest such figure in the send's window of the app's uptime, and over its whole
	 * life. Returns {during the send, overall, collections during the send}, in MB.
	 */
	private static double[] peakHeapMb(Path gcLog, long fromMillis, long toMillis) throws IOException {
		double during = 0;
		double overall = 0;
		long collections = 0;
		for (String entry : Files.readAllLines(gcLog, StandardCharsets.UTF_8)) {
			Matcher m = GC_LINE.matcher(entry);
			if (!m.find()) {
				continue;
			}
			long at = Long.parseLong(m.group(1));
			double before = mb(Long.parseLong(m.group(2)), m.group(3));
			overall = Math.max(overall, before);
			if (at >= fromMillis && at <= toMillis) {
				during = Math.max(during, before);
				collections++;
			}
		}
		return new double[] { during, overall, collections };
	}

	private static double mb(long value, String unit) {
		return switch (unit) {
			case "K" -> value / 1024.0;
			case "G" -> value * 1024.0;
			default -> value;
		};
	}

	/** What {@code jcmd <pid> GC.heap_info} says is used now, in KB; 0 if it cannot tell. */
	private static long heapUsedKb(long pid) {
		try {
			Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
					String.valueOf(pid), "GC.heap_info").redirectErrorStream(true).start();
			String text = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			jcmd.waitFor();
			Matcher m = HEAP_USED.matcher(text);
			return m.find() ? Long.parseLong(m.group(1)) : 0;
		}
		catch (IOException e) {
			return 0;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return 0;
		}
	}

	static String report(List<Result> results, int users, int warmUp, String xmx, List<String> extra, int multicastLimit) {
		StringBuilder report = new StringBuilder();
		report.append(String.format(Locale.ROOT,
				"Notice throughput: one notice to %,d linked users (after a warm-up notice to %,d), app -Xmx%s%s, %d cores, %s%n", users,
				warmUp, xmx, extra.isEmpty() ? "" : " " + String.join(" ", extra), Runtime.getRuntime().availableProcessors(),
				Instant.now()));
		report.append(String.format(Locale.ROOT, "%-10s %9s %7s %10s %7s %10s %8s %7s %10s %10s %6s %5s %5s %5s%n", "run",
				"sent", "app s", "app rcp/s", "stub s", "stub rcp/s", "POST s", "done s", "heap send", "heap max", "mc/s",
				"429", "retry", "dupl"));
		for (Result r : results) {
			report.append(String.format(Locale.ROOT, "%-10s %9d %7.2f %10.0f %7.2f %10.0f %8.2f %7.2f %8.0fMB %8.0fMB %6d %5d %5d %5d%n",
					r.run(), r.sent(), r.appSeconds(), r.appRate(), r.stubSeconds(), r.stubRate(), r.postSeconds(),
					r.postToDoneSeconds(), r.peakHeapDuringSendMb(), r.peakHeapOverallMb(), r.maxMulticastsPerSecond(),
					r.tooManyRequests(), r.retries(), r.duplicates()));
		}
		report.append("app s: the notice's startedAt to finishedAt; stub s: first to last multicast at the stub; POST s: the\n")
			.append("API call (audience resolved, batches written); done s: POST to DONE seen by polling; heap send: most\n")
			.append("heap used during the send (before each GC, and at its end), heap max: over the app's life;\n")
			.append("mc/s: most multicasts the stub saw in any sliding second; 429: multicasts the stub refused.\n")
			.append(String.format(Locale.ROOT, "unlimited: stub answers at once, app multicast rate 100000/s; line-rate: stub refuses over %d\n", multicastLimit))
			.append(String.format(Locale.ROOT, "multicasts in any sliding second, app rate %d/s.\n", multicastLimit));
		for (Result r : results) {
			report.append(String.format(Locale.ROOT, "  %s: %d recipients, %d failed, %d multicasts; %s%n", r.run(), r.recipients(),
					r.failed(), r.multicasts(), r.heapNote()));
			report.append(String.format(Locale.ROOT, "    CPU in the POST: %s; from the POST's answer to DONE: %s (%.0f recipients per app CPU s)%n",
					r.postCpu(), r.sendCpu(), r.sent() / r.sendCpu().app()));
		}
		return report.toString();
	}

}
