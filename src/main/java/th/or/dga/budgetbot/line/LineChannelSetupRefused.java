package th.or.dga.budgetbot.line;

/**
 * The start was refused because it is not clear whether the bot answers on LINE or runs in
 * local mode; {@link LineChannelSetupFailureAnalyzer} prints what to set.
 */
class LineChannelSetupRefused extends RuntimeException {

	private final String action;

	LineChannelSetupRefused(String description, String action) {
		super(description);
		this.action = action;
	}

	String action() {
		return action;
	}

}
