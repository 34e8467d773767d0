package th.or.dga.budgetbot.intents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import th.or.dga.budgetbot.BudgetBotApplication;

@ExtendWith(OutputCaptureExtension.class)
class InvalidCatalogAtStartupTest {

	@Test
	void theAppRefusesToStartOnAnInvalidCatalogAndSaysWhereAndWhat(@TempDir Path dir, CapturedOutput output) throws IOException {
		for (Path file : Files.list(Path.of("intents")).filter(f -> f.toString().endsWith(".yml")).toList()) {
			Files.copy(file, dir.resolve(file.getFileName()));
		}
		Path contact = dir.resolve("contact.yml");
		Files.writeString(contact, Files.readString(contact).replace("label:", "lable:"));

		assertThatThrownBy(() -> new SpringApplicationBuilder(BudgetBotApplication.class)
			.run("--server.port=0", "--spring.profiles.active=local", "--app.intents.dir=" + dir))
			.hasRootCauseInstanceOf(InvalidCatalog.class);

		assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
			.contains("contact.yml:2: unknown key 'lable'")
			.contains("intents validate");
	}

}
