package th.or.dga.budgetbot.conversation;

/** An officer asked to receive notices and alerts again (รับแจ้งเตือน). */
public record AlertsOptedIn(String userId) {
}
