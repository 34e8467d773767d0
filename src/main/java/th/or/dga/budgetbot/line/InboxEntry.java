package th.or.dga.budgetbot.line;

import java.util.Comparator;

import th.or.dga.budgetbot.queue.StreamGroup.Entry;

/**
 * An event as read from its partition: where it is (stream and entry id), and what the inbox
 * wrote with it. An entry not written by the inbox (missing fields) is still an entry: it is
 * worked on like any other and, unreadable, ends as a dead letter.
 */
record InboxEntry(String stream, String id, String key, String chat, long timestamp, String json) {

	/** The key of entries the inbox did not write: they are no event it accepted. */
	static final String FOREIGN = "foreign:";

	/** One chat's events in the order they were sent, then in the order they were queued. */
	static final Comparator<InboxEntry> ORDER = Comparator.comparingLong(InboxEntry::timestamp)
		.thenComparingLong(e -> idPart(e.id, 0))
		.thenComparingLong(e -> idPart(e.id, 1));

	static InboxEntry of(Entry entry) {
		String key = entry.field("key");
		String chat = entry.field("chat");
		return new InboxEntry(entry.stream(), entry.id(), key == null || key.isBlank() ? FOREIGN + entry.stream() + ":" + entry.id() : key,
				chat == null ? "" : chat, parseLong(entry.field("ts")), entry.field("event"));
	}

	private static long parseLong(String value) {
		try {
			return value == null ? 0 : Long.parseLong(value);
		}
		catch (NumberFormatException e) {
			return 0;
		}
	}

	/** A stream entry id is {@code <ms>-<seq>}. */
	private static long idPart(String id, int part) {
		String[] parts = id.split("-", 2);
		return part < parts.length ? parseLong(parts[part]) : 0;
	}

}
