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
 * The accepted catalogs, with their files, so that any instance can train one and an admin can
 * go back to it: {@code intents:version:<id>} (JSON), {@code intents:versions} (ids in order),
 * {@code intents:version-by-hash} and {@code intents:active}. Only the newest {@code max} are
 * kept (each holds every intent file); the active one is kept whatever its age.
 */
public class IntentVersions {

	private final StringRedisTemplate redis;

	private final JsonValues<Version> json;

	private final int max;

	public IntentVersions(StringRedisTemplate redis, ObjectMapper json, int max) {
		if (max < 1) {
			throw new IllegalArgumentException("at least one intent version must be kept, got " + max);
		}
		this.redis = redis;
		this.max = max;
		this.json = new JsonValues<>(json, new TypeReference<Version>() {
		}, "intent version");
	}

	/** A stored catalog version. */
	public record Version(String id, String contentHash, Instant createdAt, String createdBy, String summary,
			Map<String, String> files) {
	}

	/** The version of this content, stored now if it is new. */
	public Version save(IntentCatalog catalog, String by, String summary, Instant now) {
		Optional<Version> existing = withContent(catalog.contentHash());
		if (existing.isPresent()) {
			return existing.get();
		}
		String id = "v" + redis.opsForValue().increment("intents:version-seq");
		Version version = new Version(id, catalog.contentHash(), now, by, summary, catalog.files());
		redis.opsForValue().set("intents:version:" + id, json.write(version));
		redis.opsForList().rightPush("intents:versions", id);
		redis.opsForHash().put("intents:version-by-hash", catalog.contentHash(), id);
		prune(id);
		return version;
	}

	/** Deletes the oldest versions over the cap, except the active one and the one just saved (about to be active). */
	private void prune(String saved) {
		List<String> ids = redis.opsForList().range("intents:versions", 0, -1);
		if (ids == null || ids.size() <= max) {
			return;
		}
		String active = active().orElse(null);
		int excess = ids.size() - max;
		for (String id : ids) {
			if (excess == 0) {
				break;
			}
			if (id.equals(active) || id.equals(saved)) {
				continue;
			}
			Optional<Version> version = find(id);
			redis.opsForList().remove("intents:versions", 1, id);
			redis.delete("intents:version:" + id);
			version.ifPresent(v -> redis.opsForHash().delete("intents:version-by-hash", v.contentHash()));
			excess--;
		}
	}

	/** The stored version of this content, if any. */
	public Optional<Version> withContent(String contentHash) {
		String id = (String) redis.opsForHash().get("intents:version-by-hash", contentHash);
		return id == null ? Optional.empty() : find(id);
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
