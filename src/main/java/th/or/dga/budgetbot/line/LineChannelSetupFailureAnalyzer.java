package th.or.dga.budgetbot.line;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A refused LINE set-up at start: what is wrong, and which variables to set. */
class LineChannelSetupFailureAnalyzer extends AbstractFailureAnalyzer<LineChannelSetupRefused> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, LineChannelSetupRefused cause) {
		return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
	}

}
