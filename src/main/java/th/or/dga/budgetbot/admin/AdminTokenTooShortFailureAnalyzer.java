package th.or.dga.budgetbot.admin;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import th.or.dga.budgetbot.admin.BootstrapToken.AdminTokenTooShort;

/** A short {@code ADMIN_TOKEN} outside local mode: what is wrong and how to make a good one. */
class AdminTokenTooShortFailureAnalyzer extends AbstractFailureAnalyzer<AdminTokenTooShort> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, AdminTokenTooShort cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Set ADMIN_TOKEN to a random value of at least " + BootstrapToken.MIN_LENGTH
						+ " characters (for example the output of 'openssl rand -base64 32'), or leave it unset "
						+ "to use only admin tokens created earlier, and start again.",
				cause);
	}

}
