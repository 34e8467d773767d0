package th.or.dga.budgetbot.conversation;

import java.time.Duration;
import java.util.Optional;


import org.springframework.data.redis.core.StringRedisTemplate;

import th.or.dga.budgetbot.hashing.UserIdHashes;

/**
 * What the bot remembers of a conversation: the last intent answered, for a short time, so
 * that a follow-up such as "แล้วปี 65 ล่ะ" is answered as the same question for FY2565.
 * Keyed by a keyed hash of the LINE user id, never the id itself (PDPA), and expiring.
 */
public class ConversationContexts {

	private static final String PREFIX = "conversation:last-intent:";

	private final StringRedisTemplate redis;

	private final Duration ttl;

	private final UserIdHashes hashes;

	public ConversationContexts(StringRedisTemplate redis, Duration ttl, UserIdHashes hashes) {
		this.redis = redis;
		this.ttl = ttl;
		this.hashes = hashes;
	}

	public Optional<String> lastIntent(String conversation) {
		return Optional.ofNullable(redis.opsForValue().get(key(conversation)));
	}

	public void remember(String conversation, String intent) {
		redis.opsForValue().set(key(conversation), intent, ttl);
	}

	String key(String conversation) {
		return PREFIX + hashes.hash(conversation);
	}

}
