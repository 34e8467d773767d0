package th.or.dga.budgetbot.line;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;

/**
 * Decides, once, whether the bot talks to LINE or runs in local mode, and sets
 * {@value #LOCAL_MODE} (the one signal the rest of the app reads) above every other source.
 *
 * <p>Local mode is on only when asked for, with the Spring profile {@value #PROFILE}
 * ({@code mvn spring-boot:run} turns it on): a random channel secret only this process knows,
 * replies to the built-in simulator, an embedded Redis, and the server bound to 127.0.0.1
 * unless {@code server.address} is set. Otherwise both {@code LINE_BOT_CHANNEL_SECRET} and
 * {@code LINE_BOT_CHANNEL_TOKEN} must be set. Anything in between refuses to start
 * ({@link LineChannelSetupRefused}), so that a missing variable in production never opens the
 * simulator to the network.
 */
public class LocalModeEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String LOCAL_MODE = "app.line.local-mode";

	static final String PROFILE = "local";

	private static final String SECRET = "LINE_BOT_CHANNEL_SECRET";

	private static final String TOKEN = "LINE_BOT_CHANNEL_TOKEN";

	private final Log log;

	public LocalModeEnvironmentPostProcessor(DeferredLogFactory logs) {
		this.log = logs.getLog(LocalModeEnvironmentPostProcessor.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		boolean local = environment.acceptsProfiles(Profiles.of(PROFILE));
		boolean secret = hasText(environment.getProperty("line.bot.channel-secret"));
		boolean token = hasText(environment.getProperty("line.bot.channel-token"));
		if (local && (secret || token)) {
			throw new LineChannelSetupRefused(
					"The '" + PROFILE + "' profile (local mode: built-in simulator, random channel secret) is on, and a LINE "
							+ "channel is configured too (" + SECRET + " or " + TOKEN + ").",
					"For the simulator, unset " + SECRET + " and " + TOKEN + ". To answer on LINE, start without the '"
							+ PROFILE + "' profile (java -jar or the Docker image, not mvn spring-boot:run).");
		}
		if (local) {
			startLocalMode(environment);
			return;
		}
		if (secret != token) {
			throw new LineChannelSetupRefused(
					"The LINE channel is half configured: " + (secret ? TOKEN : SECRET) + " is not set.",
					"Set both " + SECRET + " and " + TOKEN + " (LINE Developers console, Messaging API tab).");
		}
		if (!secret) {
			throw new LineChannelSetupRefused(
					"No LINE channel is configured (" + SECRET + " and " + TOKEN + " are not set), and local mode is off.",
					"Set " + SECRET + " and " + TOKEN + " to answer on LINE, or set SPRING_PROFILES_ACTIVE=" + PROFILE
							+ " to chat with the built-in simulator on this machine (mvn spring-boot:run does that).");
		}
		// Set, not just absent: APP_LINE_LOCAL_MODE=true must not open the simulator next to a real channel.
		environment.getPropertySources().addFirst(new MapPropertySource("lineMode", Map.of(LOCAL_MODE, "false")));
	}

	private void startLocalMode(ConfigurableEnvironment environment) {
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		environment.getPropertySources()
			.addFirst(new MapPropertySource("lineLocalMode", Map.of(LOCAL_MODE, "true", "line.bot.channel-secret",
					HexFormat.of().formatHex(random), "line.bot.channel-token", "local-simulator-token")));
		// The simulator takes any userId and the admin token may be short here: this machine only,
		// unless server.address says otherwise.
		environment.getPropertySources()
			.addLast(new MapPropertySource("lineLocalModeDefaults", Map.of("server.address", "127.0.0.1")));
		log.info("Local mode (profile '" + PROFILE + "'): replies go to the built-in LINE simulator, "
				+ "listening on " + environment.getProperty("server.address") + " only");
	}

	private static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

	@Override
	public int getOrder() {
		// After the config files (profiles are known), before the embedded Redis reads local mode.
		return Ordered.LOWEST_PRECEDENCE - 10;
	}

}
