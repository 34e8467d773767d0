package th.or.dga.budgetbot.intents;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reloads the catalog when its files change ({@code app.intents.watch=true}): an editor saves
 * several times, so the reload waits until the folder has been quiet for the debounce time,
 * then goes through the same validation and gate as {@code POST /api/admin/intents/reload}. A
 * refused catalog is logged and the current one keeps serving.
 */
class CatalogWatcher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(CatalogWatcher.class);

	private final CatalogManagement management;

	private final Path directory;

	private final Duration debounce;

	private final ScheduledExecutorService reloads = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "intents-reload"));

	private WatchService watcher;

	private Thread watching;

	private ScheduledFuture<?> pending;

	private volatile boolean running;

	CatalogWatcher(CatalogManagement management, Path directory, Duration debounce) {
		this.management = management;
		this.directory = directory;
		this.debounce = debounce;
	}

	@Override
	public void start() {
		try {
			watcher = FileSystems.getDefault().newWatchService();
			directory.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
					StandardWatchEventKinds.ENTRY_DELETE);
		}
		catch (IOException e) {
			throw new IllegalStateException("cannot watch " + directory + ": " + e.getMessage(), e);
		}
		watching = daemon(this::watch, "intents-watch");
		watching.start();
		running = true;
		log.info("Watching {} for intent changes", directory);
	}

	private void watch() {
		try {
			while (true) {
				WatchKey key = watcher.take();
				boolean intentFile = key.pollEvents().stream().anyMatch(e -> String.valueOf(e.context()).endsWith(".yml"));
				key.reset();
				if (intentFile) {
					schedule();
				}
			}
		}
		catch (InterruptedException | ClosedWatchServiceException e) {
			Thread.currentThread().interrupt();
		}
	}

	private synchronized void schedule() {
		if (pending != null) {
			pending.cancel(false);
		}
		pending = reloads.schedule(this::reload, debounce.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void reload() {
		try {
			CatalogManagement.Activated activated = management.reload("folder watch");
			log.info("Intent files changed: now serving {} ({})", activated.version().id(), activated.report().summary());
		}
		catch (CatalogRejected | InvalidCatalog e) {
			log.warn("Intent files changed but were not activated; the current catalog keeps serving: {}", e.getMessage());
		}
	}

	@Override
	public void stop() {
		running = false;
		reloads.shutdownNow();
		try {
			if (watcher != null) {
				watcher.close();
			}
		}
		catch (IOException e) {
			log.debug("closing the intent watcher: {}", e.toString());
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	private static Thread daemon(Runnable runnable, String name) {
		Thread thread = new Thread(runnable, name);
		thread.setDaemon(true);
		return thread;
	}

}
