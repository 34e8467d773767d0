package th.or.dga.budgetbot.intents;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** An invalid catalog at start-up: the problems with their files and lines, and what to do. */
class InvalidCatalogFailureAnalyzer extends AbstractFailureAnalyzer<InvalidCatalog> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidCatalog cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Fix the files named above (see intents/README.md), check them with 'java -jar app.jar intents validate', "
						+ "and start again.",
				cause);
	}

}
