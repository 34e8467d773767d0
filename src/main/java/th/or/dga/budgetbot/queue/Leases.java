package th.or.dga.budgetbot.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Leases on the parts of some work (the partitions of a stream), so that each part is worked
 * by one instance at a time across every instance sharing the Redis. A lease is a key holding
 * its holder's name, which expires unless renewed: an instance that dies loses its parts after
 * {@code ttl}, and another takes them. Each instance takes at most a fair share (the parts
 * divided by the instances that renewed within {@code ttl}), and gives back parts beyond its
 * share when they are idle, so a new instance gets work without anything being torn away.
 *
 * <p>The holder's name is unique to this process, so a lease that reads as ours was never
 * anyone else's since we took it; a lease taken anew tells the caller to look again at
 * everything the part holds.
 */
public final class Leases {

	/**
	 * What {@link #hold} found.
	 *
	 * @param held the parts held now
	 * @param taken those of them taken in this call (not held a moment ago)
	 * @param share how many parts this instance should hold at most
	 */
	public record Holding(Set<Integer> held, Set<Integer> taken, int share) {
	}

	/**
	 * KEYS: the lease of each part, then the set of live holders. ARGV: holder, ttl (ms), the
	 * part to start taking from (so instances starting together spread). Redis's own clock
	 * decides who is live, so the instances' clocks need not agree.
	 */
	private static final RedisScript<List> HOLD = RedisScript.of("""
			local holder, ttl, start = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
			local n = #KEYS - 1
			local members = KEYS[n + 1]
			local time = redis.call('TIME')
			local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
			redis.call('ZADD', members, now + ttl, holder)
			redis.call('ZREMRANGEBYSCORE', members, '-inf', now)
			redis.call('PEXPIRE', members, ttl * 10)
			local share = math.ceil(n / redis.call('ZCARD', members))
			local state, count = {}, 0
			for i = 1, n do
			  state[i] = 0
			  if redis.call('GET', KEYS[i]) == holder then
			    redis.call('PEXPIRE', KEYS[i], ttl)
			    state[i] = 1
			    count = count + 1
			  end
			end
			for j = 0, n - 1 do
			  local i = (start + j) % n + 1
			  if count >= share then break end
			  if state[i] == 0 and redis.call('SET', KEYS[i], holder, 'NX', 'PX', ttl) then
			    state[i] = 2
			    count = count + 1
			  end
			end
			table.insert(state, 1, share)
			return state
			""", List.class);

	private static final RedisScript<Long> RELEASE = RedisScript.of("""
			if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
			return 0
			""", Long.class);

	private static final RedisScript<Long> LEAVE = RedisScript.of("return redis.call('ZREM', KEYS[1], ARGV[1])", Long.class);

	private final StringRedisTemplate redis;

	private final List<String> keys;

	private final String members;

	private final String holder;

	private final Duration ttl;

	/**
	 * @param prefix the keys are {@code <prefix>:lease:<part>} and {@code <prefix>:holders}
	 * @param holder this process's name, unique among every process that ever holds a lease
	 */
	public Leases(StringRedisTemplate redis, String prefix, int parts, String holder, Duration ttl) {
		this.redis = redis;
		this.keys = new ArrayList<>(parts);
		for (int i = 0; i < parts; i++) {
			keys.add(prefix + ":lease:" + i);
		}
		this.members = prefix + ":holders";
		this.holder = holder;
		this.ttl = ttl;
	}

	public String holder() {
		return holder;
	}

	public Duration ttl() {
		return ttl;
	}

	/** Renews the leases this instance holds and takes free ones up to its share. */
	public Holding hold() {
		List<String> all = new ArrayList<>(keys);
		all.add(members);
		List<?> state = redis.execute(HOLD, all, holder, String.valueOf(ttl.toMillis()),
				String.valueOf(ThreadLocalRandom.current().nextInt(keys.size())));
		Set<Integer> held = new HashSet<>();
		Set<Integer> taken = new HashSet<>();
		for (int i = 0; i < keys.size(); i++) {
			long flag = ((Number) state.get(i + 1)).longValue();
			if (flag > 0) {
				held.add(i);
			}
			if (flag == 2) {
				taken.add(i);
			}
		}
		return new Holding(Set.copyOf(held), Set.copyOf(taken), ((Number) state.get(0)).intValue());
	}

	/** Gives a part back at once (if still ours), so that another instance may take it. */
	public void release(int part) {
		redis.execute(RELEASE, List.of(keys.get(part)), holder);
	}

	/** Gives every part back and stops counting as a live holder: a clean stop. */
	public void releaseAll() {
		for (int i = 0; i < keys.size(); i++) {
			release(i);
		}
		redis.execute(LEAVE, List.of(members), holder);
	}

	/** Who holds a part now, or null. */
	public String holderOf(int part) {
		return redis.opsForValue().get(keys.get(part));
	}

}
