package th.or.dga.budgetbot.intents;

import java.nio.file.Path;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the catalog lives ({@code app.intents}).
 *
 * @param dir the folder of intent files
 * @param factsFile the programme facts the intents may cite
 */
@Validated
@ConfigurationProperties("app.intents")
public record IntentsProperties(@NotNull Path dir, @NotNull Path factsFile) {
}
