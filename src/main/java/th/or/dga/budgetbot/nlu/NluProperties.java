package th.or.dga.budgetbot.nlu;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Classifier settings ({@code app.nlu}). The gates are chosen by cross-validation on the
 * training examples ({@code intents tune}, see {@link GateTuning}), never on the test files;
 * change them only with a new tuning run, in application.yml and here alike.
 *
 * @param minConfidence combined score the best intent needs to be answered
 * @param minMargin lead the best intent needs over the second
 * @param minCoverage share of the message's words the model must know
 * @param minSimilarity cosine similarity to the nearest example of the best intent that a
 *     message needs: far from every example means a question the bot was never taught
 * @param similarityWeight weight of the nearest-example similarity against maxent (0..1)
 * @param iterations maxent training iterations
 * @param tailWords a longer message is also classified on its last this-many words (besides
 *     the question parts {@link QuestionPart} finds), as officers often ramble before they ask
 */
@Validated
@ConfigurationProperties("app.nlu")
public record NluProperties(@DecimalMin("0") @DecimalMax("1") double minConfidence,
		@DecimalMin("0") @DecimalMax("1") double minMargin, @DecimalMin("0") @DecimalMax("1") double minCoverage,
		@DecimalMin("0") @DecimalMax("1") double minSimilarity,
		@DecimalMin("0") @DecimalMax("1") double similarityWeight, @Min(10) int iterations, @Min(4) int tailWords) {

	public static NluProperties defaults() {
		return new NluProperties(0.30, 0.02, 0.60, 0.30, 0.5, 150, 14);
	}

}
