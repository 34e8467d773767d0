package th.or.dga.budgetbot.intents;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.types.Expiration;

/**
 * Trained models in Redis: {@code intents:model:<fingerprint>} holds a model's weights and
 * {@code intents:models} (a sorted set) the fingerprints by when each was last saved or loaded.
 * Bounded: at most {@code maxModels} are kept (the least recently used go first), none larger
 * than {@code maxBytes}, and each expires {@code retention} after its last use. Redis failing
 * here never fails a start or a reload: the model is then trained, as without a store.
 */
class RedisTrainedModels implements TrainedModels {

	private static final Logger log = LoggerFactory.getLogger(RedisTrainedModels.class);

	static final String KEY_PREFIX = "intents:model:";

	static final String INDEX = "intents:models";

	private final StringRedisTemplate redis;

	private final int maxModels;

	private final long maxBytes;

	private final Duration retention;

	private final Clock clock;

	RedisTrainedModels(StringRedisTemplate redis, int maxModels, long maxBytes, Duration retention, Clock clock) {
		if (maxModels < 1) {
			throw new IllegalArgumentException("at least one trained model must be kept, got " + maxModels);
		}
		this.redis = redis;
		this.maxModels = maxModels;
		this.maxBytes = maxBytes;
		this.retention = retention;
		this.clock = clock;
	}

	@Override
	public Optional<byte[]> find(String fingerprint) {
		byte[] key = key(fingerprint);
		try {
			byte[] weights = redis.execute((RedisCallback<byte[]>) connection -> connection.stringCommands().get(key));
			if (weights != null) {
				// GET then EXPIRE rather than GETEX, which needs Redis 6.2.
				redis.expire(KEY_PREFIX + fingerprint, retention);
				redis.opsForZSet().add(INDEX, fingerprint, clock.millis());
			}
			return Optional.ofNullable(weights);
		}
		catch (DataAccessException e) {
			log.warn("Could not read a stored intent model ({}); training instead", e.toString());
			return Optional.empty();
		}
	}

	@Override
	public void save(String fingerprint, byte[] weights) {
		if (weights.length > maxBytes) {
			log.warn("Trained intent model not stored: {} bytes, over app.intents.max-stored-model-size ({} bytes)",
					weights.length, maxBytes);
			return;
		}
		try {
			redis.execute((RedisCallback<Boolean>) connection -> connection.stringCommands()
				.set(key(fingerprint), weights, Expiration.from(retention), SetOption.upsert()));
			redis.opsForZSet().add(INDEX, fingerprint, clock.millis());
			evictOverCap();
			log.info("Stored the trained intent model {} ({} KB) for restarts and other instances to load",
					fingerprint.substring(0, Math.min(12, fingerprint.length())), weights.length / 1024);
		}
		catch (DataAccessException e) {
			log.warn("Could not store the trained intent model ({}); the next start trains it again", e.toString());
		}
	}

	private void evictOverCap() {
		Long size = redis.opsForZSet().zCard(INDEX);
		if (size == null || size <= maxModels) {
			return;
		}
		Set<String> oldest = redis.opsForZSet().range(INDEX, 0, size - maxModels - 1);
		if (oldest == null || oldest.isEmpty()) {
			return;
		}
		List<String> keys = oldest.stream().map(f -> KEY_PREFIX + f).toList();
		redis.delete(keys);
		redis.opsForZSet().remove(INDEX, oldest.toArray());
	}

	private static byte[] key(String fingerprint) {
		return (KEY_PREFIX + fingerprint).getBytes(StandardCharsets.UTF_8);
	}

}
