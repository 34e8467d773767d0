package th.or.dga.budgetbot.queue;

import java.util.List;

import th.or.dga.budgetbot.queue.StreamGroup.Entry;

/**
 * One named consumer of a group on one stream that finishes what it had started before it
 * takes anything new: it reads its own pending entries first (left by a crash, or by a failure
 * a moment ago), then new ones. Not thread-safe: one loop owns it.
 */
public final class StreamConsumer {

	private final StreamGroup group;

	private final String stream;

	private final String name;

	/** Where in its own pending entries it is, or null once they are done and it reads new ones. */
	private String pendingAfter = "0";

	public StreamConsumer(StreamGroup group, String stream, String name) {
		this.group = group;
		this.stream = stream;
		this.name = name;
	}

	public String name() {
		return name;
	}

	/** The next entries to work on: own pending ones first, then new ones. */
	public List<Entry> next(int count) {
		if (pendingAfter != null) {
			List<Entry> pending = group.readOwnPending(name, stream, pendingAfter, count);
			if (!pending.isEmpty()) {
				pendingAfter = pending.get(pending.size() - 1).id();
				return pending;
			}
			pendingAfter = null;
		}
		return group.readNew(name, count, List.of(stream));
	}

	/**
	 * After a failure: entries it was given and did not finish are pending, and a read of new
	 * entries would never return them again, so it goes back to its own pending ones.
	 */
	public void rewind() {
		pendingAfter = "0";
	}

	public void done(Entry entry) {
		group.done(entry.stream(), entry.id());
	}

}
