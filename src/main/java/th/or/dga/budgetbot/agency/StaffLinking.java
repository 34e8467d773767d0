package th.or.dga.budgetbot.agency;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import th.or.dga.budgetbot.agency.AgencyProblems.AgencyNotFound;
import th.or.dga.budgetbot.agency.LinkResult.Outcome;

/**
 * Links LINE users to agencies with one-time codes. A code is 10 characters of Crockford
 * base32 (50 random bits), shown as XXXXX-XXXXX, stored only as its SHA-256, single use and
 * expiring. Five wrong codes within an hour lock the user out for an hour, so codes cannot be
 * guessed. Per-user keys use a keyed hash of the LINE user id; the agency's staff set keeps the
 * ids themselves, as alerts to the agency must be pushed to them.
 */
public class StaffLinking {

	private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

	private static final int CODE_LENGTH = 10;

	static final int MAX_WRONG = 5;

	static final Duration WRONG_WINDOW = Duration.ofHours(1);

	/** Marks a code used only if it is unused: two officers racing for one code cannot both win. */
	private static final RedisScript<String> CLAIM = RedisScript.of("""
			local v = redis.call('HGET', KEYS[1], 'agency')
			if not v then return 'missing' end
			if redis.call('HGET', KEYS[1], 'used') == '1' then return 'used' end
			if tonumber(redis.call('HGET', KEYS[1], 'expiresAt')) < tonumber(ARGV[1]) then return 'expired' end
			redis.call('HSET', KEYS[1], 'used', '1')
			return 'ok:' .. v
			""", String.class);

	private static final RedisScript<Long> COUNT_WRONG = RedisScript.of("""
			local n = redis.call('INCR', KEYS[1])
			if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
			if n >= tonumber(ARGV[2]) then redis.call('SET', KEYS[2], '1', 'EX', ARGV[1]) end
			return n
			""", Long.class);

	private final SecureRandom random = new SecureRandom();

	private final StringRedisTemplate redis;

	private final RedisAgencies agencies;

	private final Clock clock;

	private final Duration validity;

	private final SecretKeySpec userKey;

	public StaffLinking(StringRedisTemplate redis, RedisAgencies agencies, Clock clock, Duration validity, byte[] userHashKey) {
		this.redis = redis;
		this.agencies = agencies;
		this.clock = clock;
		this.validity = validity;
		this.userKey = new SecretKeySpec(userHashKey, "HmacSHA256");
	}

	public LinkCode issue(String agencyCode) {
		Agency agency = agencies.find(agencyCode).orElseThrow(() -> new AgencyNotFound(agencyCode));
		char[] code = new char[CODE_LENGTH];
		for (int i = 0; i < CODE_LENGTH; i++) {
			code[i] = ALPHABET[random.nextInt(ALPHABET.length)];
		}
		String raw = new String(code);
		Instant expiresAt = clock.instant().plus(validity);
		String key = codeKey(raw);
		redis.opsForHash().putAll(key, java.util.Map.of("agency", agency.code(), "used", "0", "expiresAt",
				String.valueOf(expiresAt.toEpochMilli())));
		// Kept a day past expiry, so that a late officer is told "expired", not "wrong".
		redis.expire(key, validity.plus(Duration.ofDays(1)));
		return new LinkCode(raw.substring(0, 5) + "-" + raw.substring(5), expiresAt);
	}

	public LinkResult link(String userId, String typedCode) {
		String user = userHash(userId);
		if (Boolean.TRUE.equals(redis.hasKey("link:locked:" + user))) {
			return new LinkResult(Outcome.LOCKED, null);
		}
		String code = normalize(typedCode);
		String claim = code.length() == CODE_LENGTH ? redis.execute(CLAIM, List.of(codeKey(code)),
				String.valueOf(clock.instant().toEpochMilli())) : "missing";
		if (claim != null && claim.startsWith("ok:")) {
			Agency agency = agencies.find(claim.substring(3)).orElseThrow(() -> new AgencyNotFound(claim.substring(3)));
			unlink(userId);
			redis.opsForValue().set("staff:" + user, agency.code());
			redis.opsForSet().add("agency:" + agency.code() + ":staff", userId);
			redis.delete("link:wrong:" + user);
			return new LinkResult(Outcome.LINKED, agency);
		}
		Long wrong = redis.execute(COUNT_WRONG, List.of("link:wrong:" + user, "link:locked:" + user),
				String.valueOf(WRONG_WINDOW.toSeconds()), String.valueOf(MAX_WRONG));
		if (wrong != null && wrong >= MAX_WRONG) {
			return new LinkResult(Outcome.LOCKED, null);
		}
		return new LinkResult(switch (String.valueOf(claim)) {
			case "used" -> Outcome.USED_CODE;
			case "expired" -> Outcome.EXPIRED_CODE;
			default -> Outcome.WRONG_CODE;
		}, null);
	}

	/** Removes the user's link; returns the agency they were linked to, if any. */
	public Optional<Agency> unlink(String userId) {
		String user = userHash(userId);
		String agency = redis.opsForValue().getAndDelete("staff:" + user);
		if (agency == null) {
			return Optional.empty();
		}
		redis.opsForSet().remove("agency:" + agency + ":staff", userId);
		return agencies.find(agency);
	}

	/** The LINE user ids linked to the agency. */
	public java.util.Set<String> staffOf(String agencyCode) {
		java.util.Set<String> members = redis.opsForSet().members("agency:" + agencyCode + ":staff");
		return members == null ? java.util.Set.of() : members;
	}

	public Optional<Agency> agencyOf(String userId) {
		return Optional.ofNullable(redis.opsForValue().get("staff:" + userHash(userId))).flatMap(agencies::find);
	}

	/** What an officer typed, as the code was issued: no spaces or dashes, ASCII digits, Crockford's look-alikes folded. */
	static String normalize(String typed) {
		StringBuilder out = new StringBuilder();
		for (char c : typed.toUpperCase(Locale.ROOT).toCharArray()) {
			if (c >= '๐' && c <= '๙') {
				c = (char) ('0' + (c - '๐'));
			}
			switch (c) {
				case 'O' -> out.append('0');
				case 'I', 'L' -> out.append('1');
				default -> {
					if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) {
						out.append(c);
					}
				}
			}
		}
		return out.toString();
	}

	private static String codeKey(String code) {
		try {
			return "link:code:" + HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private String userHash(String userId) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(userKey);
			return HexFormat.of().formatHex(mac.doFinal(userId.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException e) {
			throw new IllegalStateException(e);
		}
	}

}
