package th.or.dga.budgetbot.conversation;

/**
 * Who wrote a message, and where.
 *
 * @param userId the LINE user id (may be null for a group member who has not consented)
 * @param conversation the chat the reply goes to: the user, or the group or room
 * @param oneOnOne whether the chat is one-on-one; agency data is shown only there, since a
 *     group may hold staff of other agencies
 */
public record Speaker(String userId, String conversation, boolean oneOnOne) {

	public static Speaker user(String userId) {
		return new Speaker(userId, userId, true);
	}

}
