package th.or.dga.budgetbot.intents;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import th.or.dga.budgetbot.nlu.IntentModel;
import th.or.dga.budgetbot.nlu.NluProperties;
import th.or.dga.budgetbot.nlu.TextAnalyzer;

/** Loads and validates a catalog folder and trains a model from it. */
public final class IntentTraining {

	private final IntentCatalogLoader loader;

	private final NluProperties properties;

	private final TextAnalyzer analyzer = new TextAnalyzer();

	public IntentTraining(Set<String> knownFacts, NluProperties properties) {
		this.loader = new IntentCatalogLoader(knownFacts);
		this.properties = properties;
	}

	public IntentSnapshot train(Path directory) {
		return train(directory, IntentCatalogLoader.read(directory));
	}

	/** Validates and trains intent files given by name and content; {@code directory} names them in errors. */
	public IntentSnapshot train(Path directory, java.util.Map<String, String> files) {
		IntentCatalog catalog = loader.load(directory, files);
		Instant start = Instant.now();
		IntentModel model = IntentModel.train(catalog.trainingExamples(), properties, analyzer);
		return new IntentSnapshot(catalog, model, Instant.now(), Duration.between(start, Instant.now()));
	}

}
