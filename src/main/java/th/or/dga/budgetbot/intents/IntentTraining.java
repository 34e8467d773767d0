package th.or.dga.budgetbot.intents;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import th.or.dga.budgetbot.nlu.IntentModel;
import th.or.dga.budgetbot.nlu.NluProperties;
import th.or.dga.budgetbot.nlu.TextAnalyzer;
import th.or.dga.budgetbot.nlu.TrainingSet;

/**
 * Loads and validates a catalog folder and trains a model from it, or loads the model trained
 * earlier from the same examples and settings (by the training set's fingerprint), as a restart
 * or another instance sharing the Redis would otherwise train the same model again.
 */
public final class IntentTraining {

	private static final Logger log = LoggerFactory.getLogger(IntentTraining.class);

	private final IntentCatalogLoader loader;

	private final NluProperties properties;

	private final TrainedModels trainedModels;

	public IntentTraining(Set<String> knownFacts, NluProperties properties) {
		this(knownFacts, properties, TrainedModels.NONE);
	}

	public IntentTraining(Set<String> knownFacts, NluProperties properties, TrainedModels trainedModels) {
		this.loader = new IntentCatalogLoader(knownFacts);
		this.properties = properties;
		this.trainedModels = trainedModels;
	}

	public IntentSnapshot train(Path directory) {
		return train(directory, IntentCatalogLoader.read(directory));
	}

	/** Validates and trains intent files given by name and content; {@code directory} names them in errors. */
	public IntentSnapshot train(Path directory, Map<String, String> files) {
		IntentCatalog catalog = loader.load(directory, files);
		// Read with each training: an admin's new variant changes the analysed examples, and so the fingerprint.
		TextAnalyzer analyzer = new TextAnalyzer(VariantTables.read(directory));
		Instant start = Instant.now();
		TrainingSet set = TrainingSet.of(catalog.trainingExamples(), properties, analyzer);
		Optional<IntentModel> stored = restore(set, analyzer);
		if (stored.isPresent()) {
			return new IntentSnapshot(catalog, stored.get(), Instant.now(), Duration.between(start, Instant.now()),
					IntentSnapshot.ModelSource.STORED);
		}
		IntentModel model = IntentModel.train(set, analyzer);
		trainedModels.save(set.fingerprint(), model.weights());
		return new IntentSnapshot(catalog, model, Instant.now(), Duration.between(start, Instant.now()),
				IntentSnapshot.ModelSource.TRAINED);
	}

	private Optional<IntentModel> restore(TrainingSet set, TextAnalyzer analyzer) {
		Optional<byte[]> weights = trainedModels.find(set.fingerprint());
		if (weights.isEmpty()) {
			return Optional.empty();
		}
		try {
			return Optional.of(IntentModel.restore(set, weights.get(), analyzer));
		}
		catch (IOException e) {
			// Saved by a build that wrote them differently, or damaged: a new training replaces them.
			log.warn("The stored intent model {} could not be read ({}); training it again",
					set.fingerprint().substring(0, 12), e.getMessage());
			return Optional.empty();
		}
	}

}
