package th.or.dga.budgetbot.notice;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.context.event.EventListener;
import org.springframework.data.redis.core.StringRedisTemplate;

import th.or.dga.budgetbot.conversation.AlertsOptedIn;
import th.or.dga.budgetbot.conversation.AlertsOptedOut;
import th.or.dga.budgetbot.hashing.UserIdHashes;

/**
 * Officers who asked not to receive notices and alerts. Only a keyed hash of each user id is
 * kept: the set is only ever asked "is this user in it".
 */
class OptOuts {

	static final String KEY = "notice:opted-out";

	private static final int CHUNK = 1_000;

	private final StringRedisTemplate redis;

	private final UserIdHashes hashes;

	OptOuts(StringRedisTemplate redis, UserIdHashes hashes) {
		this.redis = redis;
		this.hashes = hashes;
	}

	@EventListener
	void optedOut(AlertsOptedOut event) {
		redis.opsForSet().add(KEY, hashes.hash(event.userId()));
	}

	@EventListener
	void optedIn(AlertsOptedIn event) {
		redis.opsForSet().remove(KEY, hashes.hash(event.userId()));
	}

	boolean isOptedOut(String userId) {
		return Boolean.TRUE.equals(redis.opsForSet().isMember(KEY, hashes.hash(userId)));
	}

	Set<String> optedOutAmong(Collection<String> userIds) {
		Set<String> result = new HashSet<>();
		List<String> ids = List.copyOf(userIds);
		for (int from = 0; from < ids.size(); from += CHUNK) {
			Map<String, String> byHash = new HashMap<>();
			for (String id : ids.subList(from, Math.min(ids.size(), from + CHUNK))) {
				byHash.put(hashes.hash(id), id);
			}
			var members = redis.opsForSet().isMember(KEY, byHash.keySet().toArray());
			if (members != null) {
				members.forEach((hash, member) -> {
					if (Boolean.TRUE.equals(member)) {
						result.add(byHash.get(String.valueOf(hash)));
					}
				});
			}
		}
		return result;
	}

}
