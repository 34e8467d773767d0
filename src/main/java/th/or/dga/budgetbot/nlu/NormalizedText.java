package th.or.dga.budgetbot.nlu;

/**
 * A message after normalisation: text ready for segmentation, with entities extracted.
 */
public record NormalizedText(String text, Mentions mentions) {
}
