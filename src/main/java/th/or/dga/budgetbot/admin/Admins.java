package th.or.dga.budgetbot.admin;

import org.springframework.security.core.context.SecurityContextHolder;

/** The admin token of the current request, for the audit trail. */
public final class Admins {

	private Admins() {
	}

	public static AdminToken current() {
		var authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof AdminToken token) {
			return token;
		}
		throw new IllegalStateException("no admin token in this request");
	}

}
