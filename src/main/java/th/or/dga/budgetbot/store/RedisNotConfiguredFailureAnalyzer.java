package th.or.dga.budgetbot.store;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** No Redis outside local mode: say which variable to set. */
class RedisNotConfiguredFailureAnalyzer extends AbstractFailureAnalyzer<RedisNotConfigured> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, RedisNotConfigured cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Set SPRING_DATA_REDIS_URL (for example redis://redis-host:6379). For a try-out on this machine, run in "
						+ "local mode instead (SPRING_PROFILES_ACTIVE=local, or mvn spring-boot:run), which starts its own Redis.",
				cause);
	}

}
