package th.or.dga.budgetbot.line;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * LINE users who follow the Official Account, and those who unfollowed (blocked) it: the
 * first are the audience of notices to all followers, the second are never sent to. Both
 * follow the follow and unfollow events; a user who follows again leaves the second set.
 */
public class Followers {

	static final String KEY = "line:followers";

	static final String UNFOLLOWED = "line:unfollowed";

	private static final int CHUNK = 1_000;

	private final StringRedisTemplate redis;

	public Followers(StringRedisTemplate redis) {
		this.redis = redis;
	}

	public void followed(String userId) {
		redis.opsForSet().add(KEY, userId);
		redis.opsForSet().remove(UNFOLLOWED, userId);
	}

	public void unfollowed(String userId) {
		redis.opsForSet().remove(KEY, userId);
		redis.opsForSet().add(UNFOLLOWED, userId);
	}

	public boolean isFollower(String userId) {
		return Boolean.TRUE.equals(redis.opsForSet().isMember(KEY, userId));
	}

	/** Those of the given users who unfollowed the account and have not followed it again. */
	public Set<String> unfollowedAmong(Collection<String> userIds) {
		Set<String> result = new HashSet<>();
		List<String> ids = List.copyOf(userIds);
		for (int from = 0; from < ids.size(); from += CHUNK) {
			List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
			var members = redis.opsForSet().isMember(UNFOLLOWED, chunk.toArray());
			if (members != null) {
				members.forEach((id, member) -> {
					if (Boolean.TRUE.equals(member)) {
						result.add(String.valueOf(id));
					}
				});
			}
		}
		return result;
	}

	public long count() {
		Long size = redis.opsForSet().size(KEY);
		return size == null ? 0 : size;
	}

}
