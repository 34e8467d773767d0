package th.or.dga.budgetbot.intents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import redis.embedded.RedisServer;
import th.or.dga.budgetbot.BudgetBotApplication;
import th.or.dga.budgetbot.intents.IntentSnapshot.ModelSource;
import th.or.dga.budgetbot.nlu.Classification;

/**
 * Start-up time: the app trains its catalog's model on an empty Redis, and a second start on the
 * same Redis (a restart, or another instance) loads that model instead and answers the same.
 * Two starts of the whole app on a Redis of its own.
 */
class ModelAtStartupTest {

	private static final List<String> QUESTIONS = List.of("ยังยื่นของบบูรณาการรัฐบาลดิจิทัลปี 64 ได้ไหมคะ",
			"ประธานคณะอนุกรรมการ 1.3 คือท่านใด", "is it still possible to send a FY2564 digital government budget request?",
			"พรุ่งนี้ฝนจะตกไหมคะ");

	private static RedisServer server;

	private static int port;

	@BeforeAll
	static void startRedis() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		server = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"").build();
		server.start();
	}

	@AfterAll
	static void stopRedis() throws IOException {
		server.stop();
	}

	@Test
	void aSecondStartOnTheSameRedisLoadsTheModelInsteadOfTrainingItAndAnswersTheSame() {
		Map<String, Classification> first;
		try (ConfigurableApplicationContext app = start("first")) {
			IntentSnapshot snapshot = app.getBean(ActiveIntents.class).current();
			assertThat(snapshot.modelSource()).isEqualTo(ModelSource.TRAINED);
			first = classify(snapshot);
		}
		try (ConfigurableApplicationContext app = start("second")) {
			IntentSnapshot snapshot = app.getBean(ActiveIntents.class).current();
			assertThat(snapshot.modelSource()).isEqualTo(ModelSource.STORED);
			assertThat(classify(snapshot)).isEqualTo(first);
		}
	}

	private static Map<String, Classification> classify(IntentSnapshot snapshot) {
		return QUESTIONS.stream().collect(Collectors.toMap(Function.identity(), q -> snapshot.model().classify(q)));
	}

	private static ConfigurableApplicationContext start(String instance) {
		return new SpringApplicationBuilder(BudgetBotApplication.class).run("--server.port=0",
				"--spring.data.redis.url=redis://127.0.0.1:" + port, "--line.bot.channel-secret=model-start-secret",
				"--line.bot.channel-token=model-start-token", "--line.bot.api-end-point=http://127.0.0.1:9/",
				"--app.line.instance-id=" + instance);
	}

}
