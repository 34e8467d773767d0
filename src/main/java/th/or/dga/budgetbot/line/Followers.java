package th.or.dga.budgetbot.line;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * LINE users who follow the Official Account: the audience of notices to all followers.
 * Their ids are kept because a push needs them, and dropped on unfollow.
 */
public class Followers {

	static final String KEY = "line:followers";

	private final StringRedisTemplate redis;

	public Followers(StringRedisTemplate redis) {
		this.redis = redis;
	}

	public void followed(String userId) {
		redis.opsForSet().add(KEY, userId);
	}

	public void unfollowed(String userId) {
		redis.opsForSet().remove(KEY, userId);
	}

	public boolean isFollower(String userId) {
		return Boolean.TRUE.equals(redis.opsForSet().isMember(KEY, userId));
	}

	public long count() {
		Long size = redis.opsForSet().size(KEY);
		return size == null ? 0 : size;
	}

}
