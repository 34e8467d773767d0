package th.or.dga.budgetbot.intents;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.data.redis.core.StringRedisTemplate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import th.or.dga.budgetbot.store.JsonValues;

/**
 * Every accepted catalog, with its files, so that any instance can train it and an admin can
 * go back to it: {@code intents:version:<id>} (JSON), {@code intents:versions} (ids in order),
 * {@code intents:version-by-hash} and {@code intents:active}.
 */
public class IntentVersions {

	private final StringRedisTemplate redis;

	private final JsonValues<Version> json;

	public IntentVersions(StringRedisTemplate redis, ObjectMapper json) {
		this.redis = redis;
		this.json = new JsonValues<>(json, new TypeReference<Version>() {
		}, "intent version");
	}

	/** A stored catalog version. */
	public record Version(String id, String contentHash, Instant createdAt, String createdBy, String summary,
			Map<String, String> files) {
	}

	/** The version of this content, stored now if it is new. */
	public Version save(IntentCatalog catalog, String by, String summary, Instant now) {
		String existing = (String) redis.opsForHash().get("intents:version-by-hash", catalog.contentHash());
		if (existing != null) {
			Optional<Version> version = find(existing);
			if (version.isPresent()) {
				return version.get();
			}
		}
		String id = "v" + redis.opsForValue().increment("intents:version-seq");
		Version version = new Version(id, catalog.contentHash(), now, by, summary, catalog.files());
		redis.opsForValue().set("intents:version:" + id, json.write(version));
		redis.opsForList().rightPush("intents:versions", id);
		redis.opsForHash().put("intents:version-by-hash", catalog.contentHash(), id);
		return version;
	}

	public Optional<Version> find(String id) {
		return Optional.ofNullable(redis.opsForValue().get("intents:version:" + id)).map(json::read);
	}

	public List<Version> all() {
		List<String> ids = redis.opsForList().range("intents:versions", 0, -1);
		return ids == null ? List.of() : ids.stream().map(this::find).flatMap(Optional::stream).toList();
	}

	public Optional<String> active() {
		return Optional.ofNullable(redis.opsForValue().get("intents:active"));
	}

	public void markActive(String id) {
		redis.opsForValue().set("intents:active", id);
	}



}
