package th.or.dga.budgetbot.nlu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClassificationSlotsTest {

	private final ExecutorService threads = Executors.newFixedThreadPool(4);

	@AfterEach
	void stop() {
		threads.shutdownNow();
	}

	@Test
	void classifiesNoMoreAtOnceThanItsSlots() {
		ClassificationSlots slots = new ClassificationSlots(2);
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger running = new AtomicInteger();
		AtomicInteger started = new AtomicInteger();
		List<CompletableFuture<Classification>> all = java.util.stream.IntStream.range(0, 4)
			.mapToObj(i -> CompletableFuture.supplyAsync(() -> slots.classify(() -> {
				running.incrementAndGet();
				started.incrementAndGet();
				try {
					release.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
				running.decrementAndGet();
				return none();
			}), threads))
			.toList();
		await().atMost(Duration.ofSeconds(10)).until(() -> started.get() == 2);
		// The other two wait for a slot while the first two hold theirs.
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> started.get() == 2);
		assertThat(running.get()).isEqualTo(2);
		release.countDown();
		await().atMost(Duration.ofSeconds(10)).until(() -> all.stream().allMatch(CompletableFuture::isDone));
		assertThat(started.get()).isEqualTo(4);
	}

	@Test
	void aThreadInterruptedWhileWaitingGivesUpWithItsFlagSet() throws Exception {
		ClassificationSlots slots = new ClassificationSlots(1);
		CountDownLatch holding = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		threads.submit(() -> slots.classify(() -> {
			holding.countDown();
			try {
				release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			return none();
		}));
		assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<Boolean> flagAfter = new CompletableFuture<>();
		Thread waiter = new Thread(() -> {
			try {
				slots.classify(ClassificationSlotsTest::none);
				flagAfter.complete(false);
			}
			catch (ClassificationSlots.ClassificationInterrupted e) {
				flagAfter.complete(Thread.currentThread().isInterrupted());
			}
		});
		waiter.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> waiter.getState() == Thread.State.WAITING);
		waiter.interrupt();
		assertThat(flagAfter.get(10, TimeUnit.SECONDS)).isTrue();
		release.countDown();
	}

	@Test
	void refusesFewerThanOneSlotNamingTheSetting() {
		assertThatThrownBy(() -> new ClassificationSlots(0)).hasMessageContaining("app.nlu.max-concurrent-classifications");
	}

	private static Classification none() {
		return new Classification(List.of(), 0, 0, false, Mentions.NONE, th.or.dga.budgetbot.language.Language.TH);
	}

}
