package th.or.dga.budgetbot.conversation;

/** An officer asked to stop receiving notices and alerts (หยุดแจ้งเตือน). */
public record AlertsOptedOut(String userId) {
}
