package th.or.dga.budgetbot.intents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With app.intents.watch on, saving an intent file reloads the catalog through the gate. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "line.bot.channel-secret=watch-secret", "line.bot.channel-token=watch-token", "app.intents.watch=true",
				"app.intents.watch-debounce=300ms" })
class IntentFolderWatchTest {

	static final Path CATALOG = IntentReloadEndToEndTest.copyOfShippedCatalog();

	@Autowired
	ActiveIntents active;

	@DynamicPropertySource
	static void catalog(DynamicPropertyRegistry registry) {
		registry.add("app.intents.dir", CATALOG::toString);
	}

	@Test
	void savingAnIntentFileReloadsTheCatalogAndABrokenSaveIsNotServed() throws Exception {
		Path contact = CATALOG.resolve("contact.yml");
		String original = Files.readString(contact);
		Files.writeString(contact, original.replaceFirst("  th: \"", "  th: \"[บันทึกแล้ว] "));

		await().atMost(Duration.ofSeconds(30))
			.until(() -> active.current().catalog().intent("contact").orElseThrow().answer().text().th().contains("[บันทึกแล้ว]"));

		String served = active.current().catalog().contentHash();
		Files.writeString(contact, original.replace("label:", "lable:"));
		Path thanks = CATALOG.resolve("thanks.yml");
		Files.writeString(thanks, Files.readString(thanks).replaceFirst("  th: \"", "  th: \"[หลังไฟล์เสีย] "));
		Files.writeString(contact, original.replaceFirst("  th: \"", "  th: \"[บันทึกแล้ว] "));

		// The broken save was followed by a good one within the debounce: only the good state is served.
		await().atMost(Duration.ofSeconds(30))
			.until(() -> active.current().catalog().intent("thanks").orElseThrow().answer().text().th().contains("[หลังไฟล์เสีย]"));
		assertThat(active.current().catalog().contentHash()).isNotEqualTo(served);
		assertThat(active.current().catalog().intent("contact").orElseThrow().answer().text().th()).contains("[บันทึกแล้ว]");
	}

}
