package th.or.dga.budgetbot.line;

/**
 * One webhook event as the inbox keeps it.
 *
 * @param key its identity for dedup and delivery state: LINE's webhookEventId, or for events
 *     without one (old SDK samples) a hash of their content, which a redelivery repeats exactly
 * @param chat where it was said (group, room or user id), which decides its partition and the
 *     order it is answered in; events without a source are their own chat
 * @param timestamp LINE's {@code timestamp} (epoch ms), 0 if absent
 * @param type LINE's event type, as a metric tag ({@link EventTypes#tag})
 * @param json the event object as received (compact)
 */
record InboxEvent(String key, String chat, long timestamp, String type, String json) {
}
