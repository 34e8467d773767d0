package th.or.dga.budgetbot.line;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With neither {@code LINE_BOT_CHANNEL_SECRET} nor {@code LINE_BOT_CHANNEL_TOKEN} set, the
 * bot runs in local mode: a random channel secret that only this process knows, and replies
 * sent to the built-in LINE simulator instead of LINE. With one of them set and not the
 * other, the start fails: that is a half-configured production channel, not local mode.
 */
public class LocalModeEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String LOCAL_MODE = "app.line.local-mode";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		boolean secret = hasText(environment.getProperty("line.bot.channel-secret"));
		boolean token = hasText(environment.getProperty("line.bot.channel-token"));
		if (secret && token) {
			return;
		}
		if (secret || token) {
			throw new IllegalStateException("LINE channel half configured: set both LINE_BOT_CHANNEL_SECRET and "
					+ "LINE_BOT_CHANNEL_TOKEN to talk to LINE, or neither for local mode with the simulator");
		}
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		environment.getPropertySources()
			.addFirst(new MapPropertySource("lineLocalMode", Map.of(LOCAL_MODE, "true", "line.bot.channel-secret",
					HexFormat.of().formatHex(random), "line.bot.channel-token", "local-simulator-token")));
	}

	private static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

}
