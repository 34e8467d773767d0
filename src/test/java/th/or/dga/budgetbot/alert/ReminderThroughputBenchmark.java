package th.or.dga.budgetbot.alert;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobListener;
import org.quartz.Scheduler;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import th.or.dga.budgetbot.BudgetBotApplication;
import th.or.dga.budgetbot.admin.AdminApi;
import th.or.dga.budgetbot.agency.StaffLinking;
import th.or.dga.budgetbot.line.LineMessagingStub;
import th.or.dga.budgetbot.line.LineMessagingStub.Endpoint;

/**
 * How long a deadline reminder takes from its trigger firing to the last multicast reaching
 * LINE: 5,000 agencies with 3 linked staff each (none has submitted), the app in this JVM on
 * an embedded Redis, the stub LINE API answering at once. The reminder is the year's only one,
 * so it is the last and also opens an acknowledgement per agency. Not a test: a {@code main},
 * run by {@code bench/reminder-throughput.sh [--agencies N] [--staff N]}.
 */
public final class ReminderThroughputBenchmark {

	static final String SECRET = "bench-reminder-secret-0123456789abcdef";

	static final String TOKEN = "bench-reminder-channel-token";

	static final String ADMIN = "bench-reminder-bootstrap-admin-token-0123456789";

	public static void main(String[] args) throws Exception {
		int agencies = intArg(args, "--agencies", 5000);
		int staff = intArg(args, "--staff", 3);
		LineMessagingStub line = new LineMessagingStub(TOKEN);
		line.recordRequests(true);
		Path seed = Files.createTempFile("bench-agencies", ".yml");
		StringBuilder yml = new StringBuilder("agencies:\n");
		for (int i = 0; i < agencies; i++) {
			yml.append("  - code: B").append(i).append("\n    nameTh: หน่วยงาน ").append(i).append("\n    nameEn: Agency ")
				.append(i).append('\n');
		}
		Files.writeString(seed, yml, StandardCharsets.UTF_8);
		// As arguments: the builder's properties are defaults, which application.yml overrides.
		Map<String, String> settings = Map.of("server.port", "0", "line.bot.channel-secret", SECRET, "line.bot.channel-token", TOKEN,
					"line.bot.api-end-point", line.baseUrl(), "app.admin.bootstrap-token", ADMIN, "app.notices.quiet-hours",
					"off", "app.agency.seed-file", seed.toString(), "app.redis.embedded", "true",
					"logging.level.th.or.dga", "WARN");
		ConfigurableApplicationContext app = new SpringApplicationBuilder(BudgetBotApplication.class)
			.run(settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
		try {
			StaffLinking linking = app.getBean(StaffLinking.class);
			long linkStart = System.nanoTime();
			for (int i = 0; i < agencies; i++) {
				for (int s = 0; s < staff; s++) {
					linking.link("U" + UUID.randomUUID().toString().replace("-", ""), linking.issue("B" + i).code());
				}
			}
			System.out.printf("linked %d staff in %d ms%n", agencies * staff, (System.nanoTime() - linkStart) / 1_000_000);

			AtomicLong fired = new AtomicLong();
			app.getBean(Scheduler.class).getListenerManager().addJobListener(new JobListener() {

				@Override
				public String getName() {
					return "bench";
				}

				@Override
				public void jobToBeExecuted(JobExecutionContext context) {
					if (context.getJobDetail().getKey().getName().startsWith("deadline:")) {
						fired.compareAndSet(0, System.nanoTime());
					}
				}

				@Override
				public void jobExecutionVetoed(JobExecutionContext context) {
				}

				@Override
				public void jobWasExecuted(JobExecutionContext context, JobExecutionException e) {
				}

			});
			int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
			AdminApi admin = new AdminApi(port, ADMIN);
			Instant closes = Instant.now().plus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
			Duration offset = Duration.ofHours(1).minusSeconds(3);
			var put = admin.put("/api/admin/fiscal-years/2690",
					Map.of("state", "OPEN", "opens", closes.minus(Duration.ofDays(30)).atOffset(ZoneOffset.ofHours(7)).toString(),
							"closes", closes.atOffset(ZoneOffset.ofHours(7)).toString(), "reminders", List.of(offset.toString())));
			if (put.status() != 200) {
				throw new IllegalStateException("PUT fiscal year: " + put.status() + " " + put.raw().body());
			}
			long expected = (long) agencies * staff;
			await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(20)).until(() -> line.totalDelivered() >= expected);
			var multicasts = line.requests().stream().filter(r -> r.endpoint() == Endpoint.MULTICAST).toList();
			long last = multicasts.stream().mapToLong(LineMessagingStub.ReceivedRequest::arrivalNanos).max().orElse(0);
			System.out.printf("agencies=%d staff/agency=%d delivered=%d multicasts=%d duplicates=%d%n", agencies, staff,
					line.totalDelivered(), multicasts.size(), line.duplicates().size());
			System.out.printf("trigger fired -> last multicast: %d ms%n", (last - fired.get()) / 1_000_000);
		}
		finally {
			app.close();
			line.stop();
			Files.deleteIfExists(seed);
		}
	}

	private static int intArg(String[] args, String name, int fallback) {
		for (int i = 0; i + 1 < args.length; i++) {
			if (args[i].equals(name)) {
				return Integer.parseInt(args[i + 1]);
			}
		}
		return fallback;
	}

}
