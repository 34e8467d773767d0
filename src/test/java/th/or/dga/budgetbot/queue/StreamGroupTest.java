package th.or.dga.budgetbot.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;

import th.or.dga.budgetbot.queue.StreamGroup.Entry;
import th.or.dga.budgetbot.store.TestRedis;

/** A consumer group on a real Redis: unfinished entries come back, to their consumer or to another. */
class StreamGroupTest {

	private final StringRedisTemplate redis = TestRedis.template();

	private final String stream = "test:stream:" + UUID.randomUUID();

	private final StreamGroup group = new StreamGroup(redis, "workers");

	@Test
	void aConsumerGetsBackWhatItDidNotFinishBeforeAnythingNew() {
		group.create(stream);
		group.create(stream);
		redis.opsForStream().add(stream, Map.of("n", "1"));
		redis.opsForStream().add(stream, Map.of("n", "2"));
		StreamConsumer consumer = new StreamConsumer(group, stream, "one");

		Entry first = consumer.next(1).get(0);
		assertThat(first.field("n")).isEqualTo("1");
		// It failed on the first: without going back it would only ever read new ones.
		consumer.rewind();
		assertThat(consumer.next(1)).extracting(e -> e.field("n")).containsExactly("1");
		consumer.done(first);
		assertThat(consumer.next(1)).extracting(e -> e.field("n")).containsExactly("2");
		assertThat(group.length(stream)).as("the finished one is deleted, the other is still there").isEqualTo(1);
	}

	@Test
	void anotherConsumerTakesEntriesLeftIdleOrAllOfThemWhenItHoldsTheStream() throws Exception {
		group.create(stream);
		redis.opsForStream().add(stream, Map.of("n", "1"));
		redis.opsForStream().add(stream, Map.of("n", "2"));
		new StreamConsumer(group, stream, "gone").next(1);
		new StreamConsumer(group, stream, "busy").next(1);

		List<Entry> idle = group.claim("heir", stream, Duration.ofHours(1), 10, name -> !name.equals("heir"));
		assertThat(idle).as("nothing has been idle an hour").isEmpty();

		assertThat(group.claimAll("heir", stream)).isEqualTo(2);
		assertThat(group.readOwnPending("heir", stream, "0", 10)).extracting(e -> e.field("n")).containsExactly("1", "2");
		group.forgetIdleConsumers(stream, "heir");
		assertThat(redis.opsForStream().consumers(stream, "workers").stream().map(c -> c.consumerName()).toList())
			.containsExactly("heir");
	}

}
