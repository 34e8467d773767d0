package th.or.dga.budgetbot.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import th.or.dga.budgetbot.BudgetBotApplication;

/**
 * Local mode only when asked for. The refusals happen before any bean is made, so these starts
 * are quick; every run blanks the LINE variables and the profiles so the machine's own
 * environment cannot decide the outcome.
 */
@ExtendWith(OutputCaptureExtension.class)
class LineModeAtStartupTest {

	@Test
	void refusesToStartWithoutAChannelOrTheLocalProfileAndSaysWhatToSet(CapturedOutput output) {
		assertThatThrownBy(() -> start()).isInstanceOf(LineChannelSetupRefused.class);

		assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
			.contains("No LINE channel is configured")
			.contains("Set LINE_BOT_CHANNEL_SECRET and LINE_BOT_CHANNEL_TOKEN")
			.contains("SPRING_PROFILES_ACTIVE=local");
	}

	@Test
	void refusesAHalfConfiguredChannelNamingWhatIsMissing(CapturedOutput output) {
		assertThatThrownBy(() -> start("--line.bot.channel-secret=a-secret")).isInstanceOf(LineChannelSetupRefused.class);

		assertThat(output.getAll()).contains("LINE_BOT_CHANNEL_TOKEN is not set").doesNotContain("a-secret");
	}

	@Test
	void refusesTheLocalProfileNextToARealChannel(CapturedOutput output) {
		assertThatThrownBy(() -> start("--spring.profiles.active=local", "--line.bot.channel-secret=a-secret",
				"--line.bot.channel-token=a-token"))
			.isInstanceOf(LineChannelSetupRefused.class);

		assertThat(output.getAll()).contains("'local' profile").contains("unset LINE_BOT_CHANNEL_SECRET and LINE_BOT_CHANNEL_TOKEN")
			.doesNotContain("a-secret").doesNotContain("a-token");
	}

	@Test
	void aLocalModePropertyAloneDoesNotOpenTheSimulatorNextToARealChannel() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("operator", Map.of("app.line.local-mode", "true", "line.bot.channel-secret",
					"a-secret", "line.bot.channel-token", "a-token")));

		new LocalModeEnvironmentPostProcessor(new DeferredLogs()).postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("app.line.local-mode", Boolean.class)).isFalse();
	}

	@Test
	void theLocalProfileTurnsLocalModeOnWithARandomSecretOnThisMachineOnly() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("operator", Map.of("line.bot.channel-secret", "", "line.bot.channel-token", "")));
		environment.setActiveProfiles("local");

		new LocalModeEnvironmentPostProcessor(new DeferredLogs()).postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("app.line.local-mode", Boolean.class)).isTrue();
		assertThat(environment.getProperty("line.bot.channel-secret")).hasSize(64);
		assertThat(environment.getProperty("server.address")).isEqualTo("127.0.0.1");
	}

	private static void start(String... args) {
		Map<String, String> arguments = new LinkedHashMap<>(Map.of("--server.port", "0", "--spring.profiles.active", "",
				"--line.bot.channel-secret", "", "--line.bot.channel-token", ""));
		for (String arg : args) {
			String[] pair = arg.split("=", 2);
			arguments.put(pair[0], pair[1]);
		}
		new SpringApplicationBuilder(BudgetBotApplication.class)
			.run(arguments.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new));
	}

}
