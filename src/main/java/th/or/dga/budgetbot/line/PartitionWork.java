package th.or.dga.budgetbot.line;

import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import th.or.dga.budgetbot.line.EventAnswering.Attempt;
import th.or.dga.budgetbot.queue.Backoff;

/**
 * The entries of one partition this instance holds, by chat: a chat's events are worked on one
 * at a time in the order they were sent, while different chats go on in parallel, so one
 * chat's event that waits for a retry (LINE failing for it, a bug) holds up only that chat.
 * In memory only: the truth is the partition's pending list, read again whenever this could
 * be out of step with it (a new lease, a failed round).
 */
final class PartitionWork {

	/** One chat's entries, oldest first, and whether one of them is out. */
	private static final class Chat {

		final TreeSet<InboxEntry> entries = new TreeSet<>(InboxEntry.ORDER);

		boolean busy;

		long notBeforeNanos;

		int outages;

	}

	private final int index;

	private final String stream;

	private final Map<String, Chat> chats = new LinkedHashMap<>();

	private final Set<String> ids = new HashSet<>();

	private boolean resync = true;

	PartitionWork(int index, String stream) {
		this.index = index;
		this.stream = stream;
	}

	int index() {
		return index;
	}

	String stream() {
		return stream;
	}

	synchronized boolean needsResync() {
		return resync;
	}

	synchronized void resync(boolean needed) {
		this.resync = needed;
	}

	synchronized void add(InboxEntry entry) {
		if (ids.add(entry.id())) {
			chats.computeIfAbsent(entry.chat(), c -> new Chat()).entries.add(entry);
		}
	}

	/**
	 * The first entry of a chat that has none out and whose wait is over, marked out; null if
	 * none. The chat served goes to the back, so busy chats take turns.
	 */
	synchronized InboxEntry takeReady(long nowNanos) {
		Iterator<Map.Entry<String, Chat>> it = chats.entrySet().iterator();
		while (it.hasNext()) {
			Map.Entry<String, Chat> next = it.next();
			Chat chat = next.getValue();
			if (!chat.busy && nowNanos - chat.notBeforeNanos >= 0 && !chat.entries.isEmpty()) {
				chat.busy = true;
				it.remove();
				chats.put(next.getKey(), chat);
				return chat.entries.first();
			}
		}
		return null;
	}

	/** An entry that was out came back with its attempt's result. */
	synchronized void done(InboxEntry entry, Attempt attempt, long nowNanos) {
		Chat chat = chats.get(entry.chat());
		if (chat == null) {
			return;
		}
		chat.busy = false;
		chat.outages = 0;
		if (attempt instanceof Attempt.Later later) {
			chat.notBeforeNanos = nowNanos + later.delay().toNanos();
			return;
		}
		chat.entries.remove(entry);
		ids.remove(entry.id());
		if (chat.entries.isEmpty()) {
			chats.remove(entry.chat());
		}
	}

	/** An entry that was out failed on the way (Redis away): its chat waits, longer each time. */
	synchronized void interrupted(InboxEntry entry, Backoff backoff, long nowNanos) {
		Chat chat = chats.get(entry.chat());
		if (chat != null) {
			chat.busy = false;
			chat.outages++;
			chat.notBeforeNanos = nowNanos + backoff.after(chat.outages).toNanos();
		}
	}

	synchronized int size() {
		return ids.size();
	}

	/** Nothing held and nothing out: the partition can be given back without anything in the way. */
	synchronized boolean idle() {
		return ids.isEmpty();
	}

}
