package th.or.dga.budgetbot.admin;

import java.util.Arrays;
import java.util.Optional;

/** What an admin token may do. The authority string is the role's name in the API. */
public enum Role {

	AGENCY_WRITE("agency:write"), SUBMISSION_WRITE("submission:write"), NOTICE_SEND("notice:send"), NOTICE_APPROVE("notice:approve"),
	INTENTS_WRITE("intents:write"), READ("read");

	private final String authority;

	Role(String authority) {
		this.authority = authority;
	}

	public String authority() {
		return authority;
	}

	public static Optional<Role> of(String authority) {
		return Arrays.stream(values()).filter(r -> r.authority.equals(authority)).findFirst();
	}

}
