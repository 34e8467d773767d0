package th.or.dga.budgetbot.notice;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import io.github.bucket4j.BlockingBucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.ProxyManager;

import th.or.dga.budgetbot.line.LineMessaging;
import th.or.dga.budgetbot.line.LineMessaging.Endpoint;

/**
 * LINE's rate limits per endpoint, counted in Redis so that every instance sharing it draws
 * from the same allowance. A bucket of capacity c refilled greedily at r per period lets at
 * most c + r requests through in any window of one period, so c + r is the configured limit
 * and c a tenth of it: a small burst. LINE counts requests as they arrive, though, and they
 * arrive unevenly late (a GC pause, a busy CPU): those let through within a period and a bit
 * can reach it within one period. So r is refilled over a tenth of a period more, which keeps
 * arrivals within the limit however the window is laid, as long as lateness varies by less
 * than that tenth; the price is a sustained rate of (limit - c) / 1.1.
 *
 * <p>Every push, multicast and broadcast the bot sends waits here, the inbox's pushes as well as
 * the notices: {@link LineMessaging} asks before each request. Replies have no bucket: there are
 * never more of them than questions, and LINE counts them apart.
 */
class SendRates implements LineMessaging.Throttle {

	private final Map<Endpoint, BlockingBucket> buckets = new EnumMap<>(Endpoint.class);

	SendRates(ProxyManager<String> proxies, NoticesProperties.Rates rates) {
		buckets.put(Endpoint.PUSH, bucket(proxies, "rate:line:push:" + rates.pushPerSecond(), rates.pushPerSecond(), Duration.ofSeconds(1)));
		buckets.put(Endpoint.MULTICAST,
				bucket(proxies, "rate:line:multicast:" + rates.multicastPerSecond(), rates.multicastPerSecond(), Duration.ofSeconds(1)));
		buckets.put(Endpoint.BROADCAST,
				bucket(proxies, "rate:line:broadcast:" + rates.broadcastPerHour(), rates.broadcastPerHour(), Duration.ofHours(1)));
	}

	/** Waits until the endpoint may take one more request. */
	@Override
	public void acquire(Endpoint endpoint) throws InterruptedException {
		BlockingBucket bucket = buckets.get(endpoint);
		if (bucket != null) {
			bucket.consume(1);
		}
	}

	private static BlockingBucket bucket(ProxyManager<String> proxies, String key, int limit, Duration period) {
		long capacity = Math.max(1, limit / 10);
		long refill = limit - capacity;
		Duration refillPeriod = period.plus(period.dividedBy(10));
		if (refill < 1) {
			// A limit of 1: one request, then one more only after a whole period has passed.
			refill = 1;
			refillPeriod = period.multipliedBy(2);
		}
		long tokens = refill;
		Duration every = refillPeriod;
		BucketConfiguration configuration = BucketConfiguration.builder()
			.addLimit(l -> l.capacity(capacity).refillGreedy(tokens, every).initialTokens(capacity))
			.build();
		return proxies.builder().build(key, () -> configuration).asBlocking();
	}

}
