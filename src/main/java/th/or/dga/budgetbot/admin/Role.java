package th.or.dga.budgetbot.admin;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What an admin token may do. The authority string is the role's name in the API, in JSON
 * and in Redis alike.
 */
public enum Role {

	AGENCY_WRITE("agency:write"), SUBMISSION_WRITE("submission:write"), NOTICE_SEND("notice:send"), NOTICE_APPROVE("notice:approve"),
	INTENTS_WRITE("intents:write"), CALENDAR_WRITE("calendar:write"), READ("read"),
	/** Scrapes {@code /actuator/prometheus}: a monitoring system's token, which can change and read nothing else. */
	METRICS("metrics");

	private final String authority;

	Role(String authority) {
		this.authority = authority;
	}

	@JsonValue
	public String authority() {
		return authority;
	}

	public static Optional<Role> of(String authority) {
		return Arrays.stream(values()).filter(r -> r.authority.equals(authority)).findFirst();
	}

	/** The authority; also the constant's name, as tokens stored before roles were written as authorities have it. */
	@JsonCreator
	static Role fromJson(String value) {
		return of(value).or(() -> Arrays.stream(values()).filter(r -> r.name().equals(value)).findFirst())
			.orElseThrow(() -> new UnknownRole(value));
	}

	/** A role name that is none of ours. */
	static class UnknownRole extends IllegalArgumentException {

		UnknownRole(String value) {
			super("unknown role '" + value + "'; roles are "
					+ String.join(", ", Arrays.stream(values()).map(Role::authority).toList()));
		}

	}

}
