package th.or.dga.budgetbot.intents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class IntentsCommandTest {

	private final CommandRun command = new CommandRun();

	@Test
	void validatesTheShippedCatalog() {
		assertThat(run("validate")).isZero();
		assertThat(out()).contains("valid");
	}

	@Test
	void failsWithExitCodeOneAndNamesTheFileAndLine(@TempDir Path dir) throws IOException {
		for (Path file : Files.list(Path.of("intents")).filter(f -> f.toString().endsWith(".yml")).toList()) {
			Files.copy(file, dir.resolve(file.getFileName()));
		}
		Path broken = dir.resolve("contact.yml");
		Files.writeString(broken, Files.readString(broken).replaceFirst("quickReplies: \\[", "quickReplies: [no-such-intent, "));

		assertThat(run("validate", dir.toString())).isEqualTo(1);
		assertThat(err()).contains("contact.yml:").contains("no-such-intent");
	}

	@Test
	void evaluatesWithCrossValidationAndWritesJson(@TempDir Path dir) throws IOException {
		Path json = dir.resolve("report.json");

		assertThat(run("evaluate", "--folds", "3", "--json", json.toString())).isZero();

		assertThat(out()).contains("Cross-validation").contains("Held-out").contains("precision").contains("Out of scope")
			.contains("Accuracy at confidence thresholds");
		JsonNode report = new ObjectMapper().readTree(json.toFile());
		assertThat(report.at("/heldOut/accuracy").asDouble()).isGreaterThan(0.9);
		assertThat(report.at("/crossValidation/intents")).isNotEmpty();
		assertThat(report.at("/heldOut/intents/0/f1").isNumber()).isTrue();
	}

	@Test
	void refusesAnUnknownCommand() {
		assertThat(run("train")).isEqualTo(2);
		assertThat(err()).contains("usage");
	}

	private int run(String... args) {
		return command.run(args);
	}

	private String out() {
		return command.out();
	}

	private String err() {
		return command.err();
	}

}
