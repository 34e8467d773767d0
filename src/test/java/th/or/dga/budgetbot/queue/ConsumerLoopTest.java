package th.or.dga.budgetbot.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.data.redis.RedisConnectionFailureException;

/** The loop outlives whatever its step throws, and says when a step last completed. */
class ConsumerLoopTest {

	@Test
	void keepsGoingThroughFailuresOfAnyKindAndRecordsTheRoundsThatCompleted() {
		AtomicInteger calls = new AtomicInteger();
		ConsumerLoop loop = ConsumerLoop.start("test-loop", () -> {
			int call = calls.incrementAndGet();
			if (call == 1) {
				throw new RedisConnectionFailureException("Redis is away");
			}
			if (call == 2) {
				throw new IllegalStateException("a bug");
			}
			if (call == 3) {
				throw new StackOverflowError();
			}
			return false;
		}, Duration.ofMillis(10), new Backoff(Duration.ofMillis(10), Duration.ofMillis(20)));
		try {
			await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() >= 6);
			assertThat(loop.isRunning()).isTrue();
			assertThat(loop.sinceLastCompleted()).isLessThan(Duration.ofSeconds(5));
		}
		finally {
			loop.stop(Duration.ofSeconds(1));
		}
		assertThat(loop.isRunning()).isFalse();
	}

	@Test
	void aStepThatKeepsFailingLeavesTheLastCompletedRoundBehind() {
		ConsumerLoop loop = ConsumerLoop.start("failing-loop", () -> {
			throw new RedisConnectionFailureException("Redis is away");
		}, Duration.ofMillis(10), new Backoff(Duration.ofMillis(10), Duration.ofMillis(20)));
		try {
			await().atMost(Duration.ofSeconds(5)).until(() -> loop.sinceLastCompleted().compareTo(Duration.ofMillis(300)) > 0);
			assertThat(loop.isRunning()).isTrue();
		}
		finally {
			loop.stop(Duration.ofSeconds(1));
		}
	}

	@Test
	void backoffDoublesWithJitterUpToItsCap() {
		Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000));
		for (int i = 0; i < 50; i++) {
			assertThat(backoff.after(1)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
			assertThat(backoff.after(3)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
			assertThat(backoff.after(40)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
		}
	}

}
