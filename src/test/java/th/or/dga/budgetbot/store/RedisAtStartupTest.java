package th.or.dga.budgetbot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import th.or.dga.budgetbot.BudgetBotApplication;

@ExtendWith(OutputCaptureExtension.class)
class RedisAtStartupTest {

	@Test
	void refusesToStartOutsideLocalModeWithoutARedisAndSaysWhatToSet(CapturedOutput output) {
		// A real channel and no SPRING_DATA_REDIS_URL; app.redis.embedded blanked (the tests' own
		// application.properties turns it on).
		assertThatThrownBy(() -> new SpringApplicationBuilder(BudgetBotApplication.class).run("--server.port=0",
				"--spring.profiles.active=", "--line.bot.channel-secret=a-secret", "--line.bot.channel-token=a-token",
				"--app.redis.embedded="))
			.isInstanceOf(RedisNotConfigured.class);

		assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
			.contains("No Redis is configured")
			.contains("Set SPRING_DATA_REDIS_URL");
	}

}
