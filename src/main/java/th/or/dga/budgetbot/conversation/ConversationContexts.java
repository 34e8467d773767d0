package th.or.dga.budgetbot.conversation;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * What the bot remembers of a conversation: the last intent answered, for a short time, so
 * that a follow-up such as "แล้วปี 65 ล่ะ" is answered as the same question for FY2565.
 * Keyed by a keyed hash of the LINE user id, never the id itself (PDPA), and expiring.
 */
public class ConversationContexts {

	private static final String PREFIX = "conversation:last-intent:";

	private final StringRedisTemplate redis;

	private final Duration ttl;

	private final SecretKeySpec hashKey;

	public ConversationContexts(StringRedisTemplate redis, Duration ttl, byte[] hashKey) {
		this.redis = redis;
		this.ttl = ttl;
		this.hashKey = new SecretKeySpec(hashKey, "HmacSHA256");
	}

	public Optional<String> lastIntent(String conversation) {
		return Optional.ofNullable(redis.opsForValue().get(key(conversation)));
	}

	public void remember(String conversation, String intent) {
		redis.opsForValue().set(key(conversation), intent, ttl);
	}

	String key(String conversation) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(hashKey);
			return PREFIX + HexFormat.of().formatHex(mac.doFinal(conversation.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException e) {
			throw new IllegalStateException(e);
		}
	}

}
