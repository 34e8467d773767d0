package th.or.dga.budgetbot.admin;

/**
 * The rule for {@code ADMIN_TOKEN}: it has every role, so outside local mode it must be long
 * enough that it cannot be guessed. Unset is allowed: the admin API then takes only the tokens
 * created earlier.
 */
final class BootstrapToken {

	static final int MIN_LENGTH = 32;

	private BootstrapToken() {
	}

	/** The token, or {@link AdminTokenTooShort} if it may not be used here. */
	static String checked(String token, boolean localMode) {
		if (token == null || token.isEmpty() || localMode) {
			return token;
		}
		int length = token.codePointCount(0, token.length());
		if (length < MIN_LENGTH) {
			throw new AdminTokenTooShort(length);
		}
		return token;
	}

	/** Outside local mode {@code ADMIN_TOKEN} is shorter than {@link #MIN_LENGTH}; the start stops. */
	static class AdminTokenTooShort extends RuntimeException {

		AdminTokenTooShort(int length) {
			// The length only: the token itself is a secret and this message reaches the log.
			super("ADMIN_TOKEN (app.admin.bootstrap-token) is " + length + " characters long; outside local mode it must be at least "
					+ MIN_LENGTH + ", because it has every role of the admin API");
		}

	}

}
