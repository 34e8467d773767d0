package th.or.dga.budgetbot.notice;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Who a notice is for. */
public enum AudienceType {

	/** Every friend of the Official Account, through LINE's broadcast. */
	ALL,
	/** The linked staff of the given agencies. */
	AGENCIES,
	/** The linked staff of every agency of the given ministries. */
	MINISTRIES,
	/** The given LINE users. */
	USERS;

	@JsonValue
	public String json() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

	@JsonCreator
	public static AudienceType of(String value) {
		for (AudienceType type : values()) {
			if (type.json().equals(value)) {
				return type;
			}
		}
		throw new IllegalArgumentException("must be one of all, agencies, ministries, users");
	}

}
