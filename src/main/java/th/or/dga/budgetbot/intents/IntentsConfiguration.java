package th.or.dga.budgetbot.intents;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import th.or.dga.budgetbot.nlu.NluProperties;

@Configuration(proxyBeanMethods = false)
class IntentsConfiguration {

	private static final Logger log = LoggerFactory.getLogger(IntentsConfiguration.class);

	@Bean
	IntentTraining intentTraining(IntentsProperties properties, NluProperties nlu) {
		return new IntentTraining(ProgrammeFacts.ids(properties.factsFile()), nlu);
	}

	/** Trained before the web server starts: an invalid catalog stops the start with its problems. */
	@Bean
	ActiveIntents activeIntents(IntentTraining training, IntentsProperties properties) {
		IntentSnapshot snapshot = training.train(properties.dir());
		log.info("Trained {} intents from {} examples in {} ms (catalog {})", snapshot.catalog().intents().size(),
				snapshot.catalog().trainingExamples().size(), snapshot.trainingTime().toMillis(),
				snapshot.catalog().contentHash().substring(0, 12));
		return new ActiveIntents(snapshot);
	}

	@Bean
	HealthIndicator intentsHealthIndicator(ActiveIntents intents) {
		return () -> {
			IntentSnapshot snapshot = intents.current();
			return Health.up()
				.withDetail("intents", snapshot.catalog().intents().size())
				.withDetail("catalog", snapshot.catalog().contentHash().substring(0, 12))
				.withDetail("trainedAt", snapshot.trainedAt().toString())
				.build();
		};
	}

}
