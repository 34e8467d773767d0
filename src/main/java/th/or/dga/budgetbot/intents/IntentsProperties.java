package th.or.dga.budgetbot.intents;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The catalog and how it changes ({@code app.intents}).
 *
 * @param dir the folder of intent files (and of their test questions, {@code tests/})
 * @param factsFile the programme facts the intents may cite
 * @param maxAccuracyDrop how far held-out accuracy may fall before a reload is refused (0.02 = 2 points)
 * @param reviewBelow answers with a confidence under this are recorded for review, like fallbacks
 * @param unansweredRetention how long recorded questions are kept (personal data: keep it short)
 */
@Validated
@ConfigurationProperties("app.intents")
public record IntentsProperties(@NotNull Path dir, @NotNull Path factsFile, @DecimalMin("0") @DecimalMax("1") double maxAccuracyDrop,
		@DecimalMin("0") @DecimalMax("1") double reviewBelow, @NotNull Duration unansweredRetention) {
}
