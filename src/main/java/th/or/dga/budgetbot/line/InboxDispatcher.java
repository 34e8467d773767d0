package th.or.dga.budgetbot.line;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import th.or.dga.budgetbot.line.EventAnswering.Attempt;
import th.or.dga.budgetbot.queue.Backoff;
import th.or.dga.budgetbot.queue.ConsumerLoop;
import th.or.dga.budgetbot.queue.Leases;
import th.or.dga.budgetbot.queue.Leases.Holding;
import th.or.dga.budgetbot.queue.StreamGroup;
import th.or.dga.budgetbot.queue.StreamGroup.Entry;
import th.or.dga.budgetbot.store.RedisOutages;

/**
 * Works off the inbox on this instance. Each partition is worked by one instance at a time,
 * the holder of its lease ({@link Leases}: renewed every third of {@code app.line.partition-lease},
 * lost by an instance that stops renewing, taken up to a fair share). One loop
 * ({@link ConsumerLoop}, which outlives any Redis outage) renews the leases, reads new entries
 * of the partitions held, and hands each chat's oldest entry to a pool of
 * {@code app.line.workers} threads ({@link EventAnswering}), one entry per chat at a time.
 *
 * <p>A partition just taken is looked at whole before anything new: every entry pending for
 * another consumer (the instance that held it before, dead or stopped) is made this one's at
 * once, and all of this consumer's pending entries are read again. Entries another consumer
 * read after it lost the lease (paused longer than the lease) are taken once idle a lease
 * long. Entries are acknowledged and deleted only when finished, so a crash anywhere leaves
 * them for whoever holds the partition next.
 */
class InboxDispatcher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(InboxDispatcher.class);

	/** New entries read per partition and round. */
	private static final int READ_BATCH = 50;

	/** At most this many entries of a partition are held in memory; more wait in Redis. */
	private static final int WINDOW = 500;

	private static final Duration IDLE = Duration.ofMillis(50);

	private static final Backoff LOOP_BACKOFF = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));

	/** Waits of a chat whose attempt Redis failed: its outage is likely everybody's. */
	private static final Backoff OUTAGE_BACKOFF = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5));

	private static final Duration SNAPSHOT_EVERY = Duration.ofSeconds(1);

	private final EventInbox inbox;

	private final StreamGroup group;

	private final Leases leases;

	private final LegacyInbox legacy;

	private final EventAnswering answering;

	private final int workerCount;

	private final Duration stopWait;

	private final Map<Integer, PartitionWork> held = new ConcurrentHashMap<>();

	private volatile ExecutorService workers;

	private volatile Semaphore permits;

	private volatile ConsumerLoop loop;

	private volatile EventInbox.Snapshot snapshot;

	private volatile boolean halted;

	private boolean groupsCreated;

	private boolean legacyMoved;

	private int share = EventInbox.PARTITIONS;

	private long nextLeaseTick;

	private long nextStaleClaim;

	private long nextSnapshot;

	private int rotation;

	/**
	 * @param stopWait how long a stop waits for attempts under way (a LINE call's time-out)
	 */
	InboxDispatcher(EventInbox inbox, StreamGroup group, Leases leases, LegacyInbox legacy, EventAnswering answering,
			int workerCount, Duration stopWait) {
		this.inbox = inbox;
		this.group = group;
		this.leases = leases;
		this.legacy = legacy;
		this.answering = answering;
		this.workerCount = workerCount;
		this.stopWait = stopWait;
	}

	@Override
	public void start() {
		AtomicInteger count = new AtomicInteger();
		workers = Executors.newFixedThreadPool(workerCount, task -> {
			Thread thread = new Thread(task, "inbox-worker-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		permits = new Semaphore(workerCount);
		halted = false;
		loop = ConsumerLoop.start("inbox-dispatcher", this::round, IDLE, LOOP_BACKOFF);
	}

	/**
	 * One round. A failure anywhere means the partitions are read again from Redis before going
	 * on, and their consumer groups made again: a Redis restarted without its data has none.
	 */
	private boolean round() throws InterruptedException {
		try {
			return work();
		}
		catch (RuntimeException e) {
			held.values().forEach(w -> w.resync(true));
			groupsCreated = false;
			throw e;
		}
	}

	private boolean work() {
		long now = System.nanoTime();
		if (!groupsCreated) {
			inbox.partitions().forEach(group::create);
			groupsCreated = true;
		}
		if (!legacyMoved) {
			legacyMoved = legacy.moveAll();
		}
		if (now - nextLeaseTick >= 0) {
			holdLeases();
			nextLeaseTick = now + leases.ttl().dividedBy(3).toNanos();
		}
		boolean busy = false;
		for (PartitionWork work : held.values()) {
			if (work.needsResync()) {
				resync(work);
				busy = true;
			}
		}
		if (now - nextStaleClaim >= 0) {
			claimStale();
			nextStaleClaim = now + leases.ttl().toNanos();
		}
		busy |= readNew();
		busy |= dispatch();
		giveBackExcess();
		if (now - nextSnapshot >= 0) {
			snapshot = inbox.snapshot();
			nextSnapshot = now + SNAPSHOT_EVERY.toNanos();
		}
		return busy;
	}

	private void holdLeases() {
		Holding holding = leases.hold();
		share = holding.share();
		for (Integer index : List.copyOf(held.keySet())) {
			if (!holding.held().contains(index)) {
				held.remove(index);
				log.info("Inbox partition {} is no longer this instance's", index);
			}
		}
		for (Integer index : holding.held()) {
			if (holding.taken().contains(index) || !held.containsKey(index)) {
				held.put(index, new PartitionWork(index, inbox.partition(index)));
			}
		}
	}

	/** A partition taken anew (or after a failure): every pending entry becomes this consumer's and is read again. */
	private void resync(PartitionWork work) {
		String consumer = leases.holder();
		int taken = group.claimAll(consumer, work.stream());
		if (taken > 0) {
			log.info("Took over {} unfinished inbox event(s) of partition {}", taken, work.index());
		}
		group.forgetIdleConsumers(work.stream(), consumer);
		String after = "0";
		while (true) {
			List<Entry> pending = group.readOwnPending(consumer, work.stream(), after, WINDOW);
			if (pending.isEmpty()) {
				break;
			}
			pending.forEach(entry -> work.add(InboxEntry.of(entry)));
			after = pending.get(pending.size() - 1).id();
		}
		work.resync(false);
	}

	/** Entries another consumer read after it lost the lease: idle a lease long, nobody is on them. */
	private void claimStale() {
		String consumer = leases.holder();
		for (PartitionWork work : held.values()) {
			for (Entry entry : group.claim(consumer, work.stream(), leases.ttl(), 100, name -> !name.equals(consumer))) {
				work.add(InboxEntry.of(entry));
			}
		}
	}

	private boolean readNew() {
		List<String> streams = new ArrayList<>();
		for (PartitionWork work : held.values()) {
			if (work.size() < WINDOW && !work.needsResync()) {
				streams.add(work.stream());
			}
		}
		List<Entry> entries = group.readNew(leases.holder(), READ_BATCH, streams);
		for (Entry entry : entries) {
			PartitionWork work = byStream(entry.stream());
			if (work != null) {
				work.add(InboxEntry.of(entry));
			}
		}
		return !entries.isEmpty();
	}

	private PartitionWork byStream(String stream) {
		for (PartitionWork work : held.values()) {
			if (work.stream().equals(stream)) {
				return work;
			}
		}
		return null;
	}

	/** Hands ready entries to the workers while some are free, the partitions taking turns. */
	private boolean dispatch() {
		List<PartitionWork> works = new ArrayList<>(held.values());
		if (works.isEmpty()) {
			return false;
		}
		boolean any = false;
		int start = Math.floorMod(rotation++, works.size());
		long now = System.nanoTime();
		for (int i = 0; i < works.size(); i++) {
			PartitionWork work = works.get((start + i) % works.size());
			while (permits.tryAcquire()) {
				InboxEntry entry = work.takeReady(now);
				if (entry == null) {
					permits.release();
					break;
				}
				submit(work, entry);
				any = true;
			}
		}
		return any;
	}

	private void submit(PartitionWork work, InboxEntry entry) {
		try {
			workers.execute(() -> run(work, entry));
		}
		catch (RuntimeException rejected) {
			// Stopping: the entry stays pending for the next holder.
			permits.release();
		}
	}

	private void run(PartitionWork work, InboxEntry entry) {
		try {
			Attempt attempt = answering.attempt(entry);
			work.done(entry, attempt, System.nanoTime());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			work.interrupted(entry, OUTAGE_BACKOFF, System.nanoTime());
		}
		catch (RuntimeException | Error e) {
			if (RedisOutages.isOutage(e)) {
				log.debug("Inbox event {} waits for Redis: {}", entry.key(), e.toString());
			}
			else {
				// A failure of the failure handling itself: the entry stays and is tried again.
				log.warn("Inbox event {} could not be worked on: {}", entry.key(), e.toString());
			}
			work.interrupted(entry, OUTAGE_BACKOFF, System.nanoTime());
		}
		finally {
			permits.release();
			ConsumerLoop current = loop;
			if (current != null) {
				current.wake();
			}
		}
	}

	/** Beyond its fair share, an instance gives back partitions with nothing in them, for a newcomer to take. */
	private void giveBackExcess() {
		if (held.size() <= share) {
			return;
		}
		for (PartitionWork work : List.copyOf(held.values())) {
			if (held.size() <= share) {
				return;
			}
			if (work.idle() && !work.needsResync()) {
				held.remove(work.index());
				leases.release(work.index());
			}
		}
	}

	/** The inbox as last seen (every second), for the gauges; null before the first look. */
	EventInbox.Snapshot snapshot() {
		return snapshot;
	}

	/** How long since a round of reading last completed: the health of the inbox's consumers. */
	Duration sinceLastRead() {
		ConsumerLoop current = loop;
		return current == null || halted ? Duration.ofDays(1) : current.sinceLastCompleted();
	}

	/** Partitions this instance holds now. */
	List<Integer> heldPartitions() {
		return held.keySet().stream().sorted().toList();
	}

	/**
	 * Stops dead, as a kill would: no lease given back, attempts under way cut off. Only for
	 * tests of what another instance then does.
	 */
	void halt() {
		halted = true;
		ConsumerLoop current = loop;
		if (current != null) {
			current.stop(Duration.ofMillis(100));
		}
		ExecutorService pool = workers;
		if (pool != null) {
			pool.shutdownNow();
		}
		held.clear();
	}

	@Override
	public void stop() {
		if (halted) {
			loop = null;
			return;
		}
		ConsumerLoop current = loop;
		loop = null;
		if (current == null) {
			return;
		}
		current.stop(Duration.ofSeconds(2));
		workers.shutdown();
		try {
			if (!workers.awaitTermination(stopWait.toMillis(), TimeUnit.MILLISECONDS)) {
				workers.shutdownNow();
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			workers.shutdownNow();
		}
		try {
			// Another instance takes the partitions at once rather than after the lease.
			leases.releaseAll();
		}
		catch (RuntimeException e) {
			log.warn("Could not give back the inbox partitions; others take them when the leases expire: {}", e.toString());
		}
		held.clear();
	}

	@Override
	public boolean isRunning() {
		return loop != null;
	}

}
