package th.or.dga.budgetbot.intents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import redis.embedded.RedisServer;
import th.or.dga.budgetbot.MutableClock;
import th.or.dga.budgetbot.intents.IntentSnapshot.ModelSource;
import th.or.dga.budgetbot.nlu.Classification;
import th.or.dga.budgetbot.nlu.NluProperties;

/**
 * Trained models kept in Redis: a restart (a new IntentTraining on the same Redis) loads the
 * model instead of training it and classifies exactly as the trained one; anything that changes
 * what is trained trains anew. On a Redis of its own, which it flushes between tests.
 */
class StoredModelsTest {

	private static final Set<String> FACTS = ProgrammeFacts.ids(Path.of("config/facts.yml"));

	private static RedisServer server;

	private static LettuceConnectionFactory connections;

	private static StringRedisTemplate redis;

	private final MutableClock clock = new MutableClock();

	@BeforeAll
	static void startRedis() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		server = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"").build();
		server.start();
		connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port));
		connections.afterPropertiesSet();
		connections.start();
		redis = new StringRedisTemplate(connections);
		redis.afterPropertiesSet();
	}

	@AfterAll
	static void stopRedis() throws IOException {
		connections.destroy();
		server.stop();
	}

	@BeforeEach
	void flush() {
		redis.execute((org.springframework.data.redis.core.RedisCallback<Void>) c -> {
			c.serverCommands().flushAll();
			return null;
		});
	}

	private RedisTrainedModels store(int maxModels, long maxBytes) {
		return new RedisTrainedModels(redis, maxModels, maxBytes, Duration.ofDays(30), clock);
	}

	private IntentTraining training(NluProperties nlu) {
		return new IntentTraining(FACTS, nlu, store(10, 64L << 20));
	}

	@Test
	void aRestartLoadsTheStoredModelInsteadOfTrainingItAndClassifiesIdentically() {
		IntentSnapshot first = training(NluProperties.defaults()).train(Path.of("intents"));
		IntentSnapshot restarted = training(NluProperties.defaults()).train(Path.of("intents"));

		assertThat(first.modelSource()).isEqualTo(ModelSource.TRAINED);
		assertThat(restarted.modelSource()).isEqualTo(ModelSource.STORED);
		List<String> questions = questions();
		assertThat(questions).hasSizeGreaterThan(100);
		for (String question : questions) {
			Classification trained = first.model().classify(question);
			Classification loaded = restarted.model().classify(question);
			assertThat(loaded.ranking()).as(question).isEqualTo(trained.ranking());
			assertThat(loaded.accepted()).as(question).isEqualTo(trained.accepted());
			assertThat(loaded.coverage()).as(question).isEqualTo(trained.coverage());
		}
	}

	@Test
	void aChangedCatalogIsTrainedAnewAndThenLoaded(@TempDir Path copy) throws IOException {
		training(NluProperties.defaults()).train(Path.of("intents"));
		copyIntents(copy);
		Path contact = copy.resolve("contact.yml");
		String text = Files.readString(contact, StandardCharsets.UTF_8);
		Files.writeString(contact, text.replaceFirst("(?m)^(\\s*)- ", "$1- ขอเบอร์ติดต่อเจ้าหน้าที่ สพร. หน่อยครับ\n$1- "),
				StandardCharsets.UTF_8);

		IntentSnapshot changed = training(NluProperties.defaults()).train(copy);
		IntentSnapshot changedAgain = training(NluProperties.defaults()).train(copy);

		assertThat(changed.catalog().trainingExamples()).hasSize(
				training(NluProperties.defaults()).train(Path.of("intents")).catalog().trainingExamples().size() + 1);
		assertThat(changed.modelSource()).isEqualTo(ModelSource.TRAINED);
		assertThat(changedAgain.modelSource()).isEqualTo(ModelSource.STORED);
	}

	@Test
	void otherTrainingSettingsTrainAnew() {
		NluProperties defaults = NluProperties.defaults();
		training(defaults).train(Path.of("intents"));
		NluProperties moreIterations = new NluProperties(defaults.minConfidence(), defaults.minMargin(),
				defaults.minCoverage(), defaults.minSimilarity(), defaults.similarityWeight(), defaults.iterations() + 1,
				defaults.tailWords());

		assertThat(training(moreIterations).train(Path.of("intents")).modelSource()).isEqualTo(ModelSource.TRAINED);
	}

	@Test
	void damagedStoredWeightsAreTrainedAgainAndReplaced() {
		IntentSnapshot first = training(NluProperties.defaults()).train(Path.of("intents"));
		String key = redis.keys(RedisTrainedModels.KEY_PREFIX + "*").iterator().next();
		redis.opsForValue().set(key, "not a model");

		IntentSnapshot afterDamage = training(NluProperties.defaults()).train(Path.of("intents"));
		IntentSnapshot afterRepair = training(NluProperties.defaults()).train(Path.of("intents"));

		assertThat(afterDamage.modelSource()).isEqualTo(ModelSource.TRAINED);
		assertThat(afterRepair.modelSource()).isEqualTo(ModelSource.STORED);
		String question = "ยังยื่นของบบูรณาการรัฐบาลดิจิทัลปี 64 ได้ไหมคะ";
		assertThat(afterRepair.model().classify(question).ranking()).isEqualTo(first.model().classify(question).ranking());
	}

	@Test
	void keepsTheConfiguredNumberOfModelsTheLeastRecentlyUsedGoingFirst() {
		RedisTrainedModels store = store(2, 1024);
		store.save("a", new byte[] { 1 });
		clock.advance(Duration.ofSeconds(1));
		store.save("b", new byte[] { 2 });
		clock.advance(Duration.ofSeconds(1));
		assertThat(store.find("a")).isPresent(); // "a" is now the more recently used
		clock.advance(Duration.ofSeconds(1));
		store.save("c", new byte[] { 3 });

		assertThat(store.find("b")).isEmpty();
		assertThat(store.find("a")).hasValueSatisfying(v -> assertThat(v).containsExactly(1));
		assertThat(store.find("c")).hasValueSatisfying(v -> assertThat(v).containsExactly(3));
		assertThat(redis.keys(RedisTrainedModels.KEY_PREFIX + "*")).hasSize(2);
		assertThat(redis.opsForZSet().zCard(RedisTrainedModels.INDEX)).isEqualTo(2);
	}

	@Test
	void aModelOverTheSizeLimitIsNotStoredAndEachStoredOneExpires() {
		RedisTrainedModels store = store(10, 4);
		store.save("small", new byte[4]);
		store.save("large", new byte[5]);

		assertThat(store.find("large")).isEmpty();
		assertThat(store.find("small")).isPresent();
		assertThat(redis.getExpire(RedisTrainedModels.KEY_PREFIX + "small")).isBetween(Duration.ofDays(29).toSeconds(),
				Duration.ofDays(30).toSeconds());
	}

	private static List<String> questions() {
		List<String> questions = new ArrayList<>();
		for (String file : List.of("heldout.tsv", "out-of-scope.tsv", "near-miss.tsv")) {
			try {
				for (String line : Files.readAllLines(Path.of("intents/tests", file), StandardCharsets.UTF_8)) {
					String[] columns = line.split("\t");
					if (!line.startsWith("#") && columns.length >= 2) {
						questions.add(columns[1]);
					}
				}
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		return questions;
	}

	private static void copyIntents(Path target) throws IOException {
		try (Stream<Path> files = Files.list(Path.of("intents"))) {
			for (Path file : files.filter(f -> f.toString().endsWith(".yml")).toList()) {
				Files.copy(file, target.resolve(file.getFileName()));
			}
		}
	}

}
