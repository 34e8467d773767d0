package th.or.dga.budgetbot.nlu;

/** One example question of an intent, as written in the catalog. */
public record TrainingExample(String intent, String text) {
}
