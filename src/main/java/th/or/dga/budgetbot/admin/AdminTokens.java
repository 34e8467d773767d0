package th.or.dga.budgetbot.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.data.redis.core.StringRedisTemplate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import th.or.dga.budgetbot.store.JsonValues;
import th.or.dga.budgetbot.hashing.Sha256;

/**
 * Admin tokens. The bootstrap token comes from {@code ADMIN_TOKEN} and has every role; it
 * creates further tokens with a subset of roles. A token's secret is shown once and stored
 * only as its SHA-256 ({@code admin:token:<hash>}); it is found by that hash, so no secret is
 * ever compared character by character, and the bootstrap comparison is constant-time.
 */
public class AdminTokens {

	private static final String INDEX = "admin:tokens";

	private final SecureRandom random = new SecureRandom();

	private final StringRedisTemplate redis;

	private final JsonValues<AdminToken> json;

	private final Clock clock;

	private final byte[] bootstrapHash;

	public AdminTokens(StringRedisTemplate redis, ObjectMapper json, Clock clock, String bootstrapToken) {
		this.redis = redis;
		this.json = new JsonValues<>(json, new TypeReference<AdminToken>() {
		}, "admin token");
		this.clock = clock;
		this.bootstrapHash = bootstrapToken == null || bootstrapToken.isBlank() ? null : sha256(bootstrapToken);
	}

	/** A new token and its secret, which is not kept and cannot be shown again. */
	public record Issued(AdminToken token, String secret) {
	}

	public Issued create(String name, Set<Role> roles) {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		String secret = "dgab_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		AdminToken token = new AdminToken(UUID.randomUUID().toString(), name, roles.isEmpty() ? EnumSet.noneOf(Role.class) : roles,
				clock.instant(), false);
		String hash = HexFormat.of().formatHex(sha256(secret));
		redis.opsForValue().set("admin:token:" + hash, json.write(token));
		redis.opsForHash().put(INDEX, token.id(), hash);
		return new Issued(token, secret);
	}

	public Optional<AdminToken> authenticate(String secret) {
		if (secret == null || secret.isBlank()) {
			return Optional.empty();
		}
		byte[] hash = sha256(secret);
		if (bootstrapHash != null && MessageDigest.isEqual(hash, bootstrapHash)) {
			return Optional.of(new AdminToken("bootstrap", "ADMIN_TOKEN", EnumSet.allOf(Role.class), clock.instant(), true));
		}
		return Optional.ofNullable(redis.opsForValue().get("admin:token:" + HexFormat.of().formatHex(hash))).map(json::read);
	}

	public List<AdminToken> all() {
		List<Object> hashes = redis.opsForHash().values(INDEX);
		return hashes.stream()
			.map(h -> redis.opsForValue().get("admin:token:" + h))
			.filter(java.util.Objects::nonNull)
			.map(json::read)
			.sorted(java.util.Comparator.comparing(AdminToken::createdAt))
			.toList();
	}

	/** Returns the revoked token, if there was one with that id. */
	public Optional<AdminToken> revoke(String id) {
		Object hash = redis.opsForHash().get(INDEX, id);
		if (hash == null) {
			return Optional.empty();
		}
		Optional<AdminToken> token = Optional.ofNullable(redis.opsForValue().getAndDelete("admin:token:" + hash)).map(json::read);
		redis.opsForHash().delete(INDEX, id);
		return token;
	}

	private static byte[] sha256(String value) {
		return Sha256.digest(value);
	}

}
