package th.or.dga.budgetbot.line;

/** A webhook body over {@code app.line.max-webhook-bytes}; answered 413 before its signature is checked. */
class WebhookBodyTooLarge extends RuntimeException {

	private final int maxBytes;

	WebhookBodyTooLarge(int maxBytes) {
		super("the webhook body is larger than " + maxBytes + " bytes");
		this.maxBytes = maxBytes;
	}

	int maxBytes() {
		return maxBytes;
	}

}
