package th.or.dga.budgetbot.notice;

import java.util.List;

/**
 * Who a notice is for: {@code codes} are agency codes or ministry names, {@code userIds}
 * LINE user ids; only the list the type needs is kept.
 */
public record Audience(AudienceType type, List<String> codes, List<String> userIds) {

	public Audience {
		codes = codes == null ? List.of() : List.copyOf(codes);
		userIds = userIds == null ? List.of() : List.copyOf(userIds);
	}

	public static Audience all() {
		return new Audience(AudienceType.ALL, List.of(), List.of());
	}

	public static Audience agencies(List<String> codes) {
		return new Audience(AudienceType.AGENCIES, codes, List.of());
	}

	public static Audience users(List<String> userIds) {
		return new Audience(AudienceType.USERS, List.of(), userIds);
	}

}
