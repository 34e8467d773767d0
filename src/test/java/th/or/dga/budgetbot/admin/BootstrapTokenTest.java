package th.or.dga.budgetbot.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import th.or.dga.budgetbot.admin.BootstrapToken.AdminTokenTooShort;

/** {@code ADMIN_TOKEN} outside local mode: long enough to be a secret, or the start stops and says why. */
class BootstrapTokenTest {

	private static final String SHORT = "bootstrap-admin-token-for-tests";

	private static final String LONG_ENOUGH = "0123456789abcdef0123456789abcdef";

	// No Redis is needed: nothing here connects until a token is looked up.
	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, RedisAutoConfiguration.class,
				ValidationAutoConfiguration.class))
		.withBean(Clock.class, Clock::systemUTC)
		.withUserConfiguration(AdminConfiguration.class)
		.withPropertyValues("app.admin.auth-failures-per-minute=10", "app.admin.audit-max-entries=1000");

	@Test
	void aTokenShorterThan32CharactersStopsTheStartOutsideLocalMode() {
		runner.withPropertyValues("app.admin.bootstrap-token=" + SHORT).run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().isInstanceOf(AdminTokenTooShort.class);

			FailureAnalysis analysis = new AdminTokenTooShortFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("ADMIN_TOKEN").contains("31 characters").contains("at least 32")
				.doesNotContain(SHORT);
			assertThat(analysis.getAction()).contains("openssl rand");
		});
	}

	@Test
	void aTokenOf32CharactersIsAccepted() {
		runner.withPropertyValues("app.admin.bootstrap-token=" + LONG_ENOUGH)
			.run(context -> assertThat(context).hasNotFailed().hasSingleBean(AdminTokens.class));
	}

	@Test
	void localModeTakesAShortToken() {
		runner.withPropertyValues("app.admin.bootstrap-token=demo-admin", "app.line.local-mode=true")
			.run(context -> assertThat(context).hasNotFailed().hasSingleBean(AdminTokens.class));
	}

	@Test
	void noTokenAtAllIsAllowed() {
		runner.withPropertyValues("app.admin.bootstrap-token=")
			.run(context -> assertThat(context).hasNotFailed().hasSingleBean(AdminTokens.class));
	}

	@Test
	void theAnalyzerIsRegisteredForTheStart() throws Exception {
		var factories = new String(getClass().getResourceAsStream("/META-INF/spring.factories").readAllBytes());

		assertThat(factories).contains(AdminTokenTooShortFailureAnalyzer.class.getName());
	}

}
