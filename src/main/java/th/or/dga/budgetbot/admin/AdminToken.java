package th.or.dga.budgetbot.admin;

import java.time.Instant;
import java.util.Set;

/** A stored admin token: never the secret itself, only what it may do. */
public record AdminToken(String id, String name, Set<Role> roles, Instant createdAt, boolean bootstrap) {

	public AdminToken {
		roles = Set.copyOf(roles);
	}

}
