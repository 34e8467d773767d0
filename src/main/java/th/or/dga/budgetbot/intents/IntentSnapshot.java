package th.or.dga.budgetbot.intents;

import java.time.Duration;
import java.time.Instant;

import th.or.dga.budgetbot.nlu.IntentModel;

/**
 * A catalog and the model trained from it: always swapped together, never one without the other.
 *
 * @param trainingTime how long the model took to train, or to load when it was stored
 * @param modelSource whether the model was trained here or loaded as trained earlier
 */
public record IntentSnapshot(IntentCatalog catalog, IntentModel model, Instant trainedAt, Duration trainingTime,
		ModelSource modelSource) {

	/** Where the model came from. */
	public enum ModelSource {

		/** Trained from the catalog's examples now. */
		TRAINED,

		/** Loaded: trained earlier from the same examples and settings (here, or on another instance). */
		STORED

	}

}
