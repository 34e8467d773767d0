package th.or.dga.budgetbot.intents;

import java.time.Duration;
import java.time.Instant;

import th.or.dga.budgetbot.nlu.IntentModel;

/** A catalog and the model trained from it: always swapped together, never one without the other. */
public record IntentSnapshot(IntentCatalog catalog, IntentModel model, Instant trainedAt, Duration trainingTime) {
}
