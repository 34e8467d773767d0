package th.or.dga.budgetbot.line;

import java.util.Set;

/** LINE's webhook event types, so that a metric tag holds one of a known few whatever a body says. */
final class EventTypes {

	private static final Set<String> KNOWN = Set.of("message", "follow", "unfollow", "join", "leave", "memberJoined",
			"memberLeft", "postback", "beacon", "accountLink", "things", "unsend", "videoPlayComplete", "membership",
			"module", "activated", "deactivated", "botSuspended", "botResumed", "delivery");

	private EventTypes() {
	}

	/** The type as a tag: one of LINE's, or {@code other}. */
	static String tag(String type) {
		return type != null && KNOWN.contains(type) ? type : "other";
	}

}
