package th.or.dga.budgetbot.intents;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import com.fasterxml.jackson.databind.ObjectMapper;
import th.or.dga.budgetbot.hashing.UserIdHashes;
import th.or.dga.budgetbot.nlu.NluProperties;

@Configuration(proxyBeanMethods = false)
class IntentsConfiguration {

	private static final Logger log = LoggerFactory.getLogger(IntentsConfiguration.class);

	/** Where instances announce the intent version they activated: "<version> <instance>". */
	static final String ACTIVATED = "intents:activated";

	@Bean
	TrainedModels trainedModels(StringRedisTemplate redis, IntentsProperties properties, Clock clock) {
		return new RedisTrainedModels(redis, properties.storedModels(), properties.maxStoredModelSize().toBytes(),
				properties.storedModelRetention(), clock);
	}

	@Bean
	IntentTraining intentTraining(IntentsProperties properties, NluProperties nlu, TrainedModels trainedModels) {
		return new IntentTraining(ProgrammeFacts.ids(properties.factsFile()), nlu, trainedModels);
	}

	/** Trained before the web server starts: an invalid catalog stops the start with its problems. */
	@Bean
	ActiveIntents activeIntents(IntentTraining training, IntentsProperties properties) {
		IntentSnapshot snapshot = training.train(properties.dir());
		log.info("{} the model of {} intents, {} examples, in {} ms (catalog {})",
				snapshot.modelSource() == IntentSnapshot.ModelSource.STORED ? "Loaded" : "Trained",
				snapshot.catalog().intents().size(), snapshot.catalog().trainingExamples().size(),
				snapshot.trainingTime().toMillis(), snapshot.catalog().contentHash().substring(0, 12));
		return new ActiveIntents(snapshot);
	}

	@Bean
	IntentVersions intentVersions(StringRedisTemplate redis, ObjectMapper json, IntentsProperties properties) {
		return new IntentVersions(redis, json, properties.maxVersions());
	}

	@Bean
	CatalogManagement catalogManagement(ActiveIntents active, IntentTraining training, IntentVersions versions,
			IntentsProperties properties, NluProperties nlu, Clock clock, StringRedisTemplate redis) {
		// Names this instance among those sharing Redis, so it ignores its own announcements.
		String instance = UUID.randomUUID().toString();
		CatalogManagement management = new CatalogManagement(active, training, versions, new CatalogEvaluation(nlu),
				properties.dir(), properties.maxAccuracyDrop(), properties.maxTestSimilarity(), clock, instance,
				version -> redis.convertAndSend(ACTIVATED, version + " " + instance));
		management.start();
		return management;
	}

	@Bean
	@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty("app.intents.watch")
	CatalogWatcher catalogWatcher(CatalogManagement management, IntentsProperties properties,
			@org.springframework.beans.factory.annotation.Value("${app.intents.watch-debounce:2s}") java.time.Duration debounce) {
		return new CatalogWatcher(management, properties.dir(), debounce);
	}

	@Bean
	RedisMessageListenerContainer intentVersionListener(RedisConnectionFactory connections, CatalogManagement management) {
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(connections);
		container.addMessageListener((message, pattern) -> {
			String[] parts = new String(message.getBody(), StandardCharsets.UTF_8).split(" ");
			if (parts.length == 2 && !parts[1].equals(management.instance())) {
				management.activatedElsewhere(parts[0]);
			}
		}, new ChannelTopic(ACTIVATED));
		return container;
	}

	@Bean
	UnansweredQuestions unansweredQuestions(StringRedisTemplate redis, ObjectMapper json, Clock clock,
			IntentsProperties properties, UserIdHashes hashes) {
		return new UnansweredQuestions(redis, json, clock, properties.unansweredLimits(), hashes);
	}

	@Bean
	HealthIndicator intentsHealthIndicator(ActiveIntents intents, CatalogManagement management) {
		return () -> {
			IntentSnapshot snapshot = intents.current();
			return Health.up()
				.withDetail("intents", snapshot.catalog().intents().size())
				.withDetail("catalog", snapshot.catalog().contentHash().substring(0, 12))
				.withDetail("version", String.valueOf(management.activeVersion()))
				.withDetail("trainedAt", snapshot.trainedAt().toString())
				.withDetail("model", snapshot.modelSource().name().toLowerCase(java.util.Locale.ROOT))
				.build();
		};
	}

}
