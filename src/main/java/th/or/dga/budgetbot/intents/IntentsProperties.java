package th.or.dga.budgetbot.intents;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The catalog and how it changes ({@code app.intents}).
 *
 * @param dir the folder of intent files (and of their test questions, {@code tests/})
 * @param factsFile the programme facts the intents may cite
 * @param maxAccuracyDrop how far held-out accuracy may fall before a reload is refused (0.02 = 2 points)
 * @param maxTestSimilarity a test question (intents/tests) this similar to a training example or more
 *     (character 3-gram Jaccard) is refused by {@code intents validate}, and a reload that would
 *     make one so is refused: held-out questions must stay unlike what the model learns
 * @param reviewBelow answers with a confidence under this are recorded for review, like fallbacks
 * @param unansweredRetention how long recorded questions are kept (personal data: keep it short)
 * @param unansweredPerUser questions recorded per user and {@code unansweredPerUserWindow}; more are not recorded
 * @param unansweredMaxEntries questions kept at most; over it the oldest go first (counted, and logged)
 * @param unansweredGroupsListed groups in {@code GET /api/admin/intents/unanswered}, those asked most first
 * @param unansweredQuestionsPerGroup distinct phrasings kept in view per group (the most asked): what an assignment adds
 * @param maxVersions catalog versions kept for rollback; the active one is never deleted
 * @param storedModels trained models kept in Redis for restarts and other instances to load
 *     instead of training (the least recently used go first)
 * @param maxStoredModelSize a trained model larger than this is not stored (it is trained at each start)
 * @param storedModelRetention a stored model neither saved nor loaded for this long expires
 */
@Validated
@ConfigurationProperties("app.intents")
public record IntentsProperties(@NotNull Path dir, @NotNull Path factsFile, @DecimalMin("0") @DecimalMax("1") double maxAccuracyDrop,
		@DecimalMin(value = "0", inclusive = false) @DecimalMax("1") double maxTestSimilarity,
		@DecimalMin("0") @DecimalMax("1") double reviewBelow, @NotNull Duration unansweredRetention,
		@Min(1) int unansweredPerUser, @NotNull Duration unansweredPerUserWindow, @Min(1) int unansweredMaxEntries,
		@Min(1) @Max(10_000) int unansweredGroupsListed, @Min(1) @Max(1_000) int unansweredQuestionsPerGroup,
		@Min(1) int maxVersions, @Min(1) @Max(1_000) int storedModels, @NotNull DataSize maxStoredModelSize,
		@NotNull Duration storedModelRetention) {

	UnansweredQuestions.Limits unansweredLimits() {
		return new UnansweredQuestions.Limits(unansweredRetention, unansweredPerUser, unansweredPerUserWindow,
				unansweredMaxEntries, unansweredGroupsListed, unansweredQuestionsPerGroup);
	}

}
