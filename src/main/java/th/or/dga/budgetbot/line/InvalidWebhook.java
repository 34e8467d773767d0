package th.or.dga.budgetbot.line;

/** A signed body that is not a LINE webhook LINE could have sent; the detail names what is wrong. */
class InvalidWebhook extends RuntimeException {

	InvalidWebhook(String detail) {
		super(detail);
	}

}
