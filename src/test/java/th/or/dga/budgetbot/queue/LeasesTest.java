package th.or.dga.budgetbot.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;

import th.or.dga.budgetbot.store.TestRedis;

/** Leases on a real Redis: one holder per part, fair shares, and the parts of a holder that stops renewing. */
class LeasesTest {

	private final StringRedisTemplate redis = TestRedis.template();

	private final String prefix = "test:leases:" + UUID.randomUUID();

	@Test
	void aLoneHolderTakesEveryPartAndANewcomerGetsThoseGivenBack() {
		Leases first = new Leases(redis, prefix, 8, "first", Duration.ofSeconds(30));
		Leases second = new Leases(redis, prefix, 8, "second", Duration.ofSeconds(30));

		Leases.Holding alone = first.hold();
		assertThat(alone.held()).hasSize(8);
		assertThat(alone.taken()).hasSize(8);
		assertThat(first.hold().taken()).as("renewed, not taken anew").isEmpty();

		Leases.Holding newcomer = second.hold();
		assertThat(newcomer.held()).as("nothing is torn away from the first").isEmpty();
		assertThat(newcomer.share()).isEqualTo(4);
		assertThat(first.hold().share()).isEqualTo(4);
		for (int part = 0; part < 4; part++) {
			first.release(part);
		}
		assertThat(second.hold().held()).containsExactlyInAnyOrder(0, 1, 2, 3);
		assertThat(first.hold().held()).containsExactlyInAnyOrder(4, 5, 6, 7);
	}

	@Test
	void thePartsOfAHolderThatStopsRenewingGoToAnother() {
		Leases dying = new Leases(redis, prefix, 4, "dying", Duration.ofMillis(500));
		Leases survivor = new Leases(redis, prefix, 4, "survivor", Duration.ofMillis(500));
		assertThat(dying.hold().held()).hasSize(4);

		Set<Integer> taken = new HashSet<>();
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			Leases.Holding holding = survivor.hold();
			taken.addAll(holding.taken());
			return holding.held().size() == 4;
		});
		assertThat(taken).as("told that they are new to it").hasSize(4);
		assertThat(dying.holderOf(0)).isEqualTo("survivor");
	}

	@Test
	void aReleaseByOneThatNoLongerHoldsThePartChangesNothing() {
		Leases holder = new Leases(redis, prefix, 1, "holder", Duration.ofSeconds(30));
		Leases other = new Leases(redis, prefix, 1, "other", Duration.ofSeconds(30));
		holder.hold();

		other.release(0);

		assertThat(holder.holderOf(0)).isEqualTo("holder");
	}

}
