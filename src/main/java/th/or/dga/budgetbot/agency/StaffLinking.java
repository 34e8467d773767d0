package th.or.dga.budgetbot.agency;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;


import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import th.or.dga.budgetbot.agency.AgencyProblems.AgencyNotFound;
import th.or.dga.budgetbot.hashing.Sha256;
import th.or.dga.budgetbot.hashing.UserIdHashes;
import th.or.dga.budgetbot.agency.LinkResult.Outcome;

/**
 * Links LINE users to agencies with one-time codes. A code is 10 characters of Crockford
 * base32 (50 random bits), shown as XXXXX-XXXXX, stored only as its SHA-256, single use and
 * expiring. Five wrong codes within an hour lock the user out for an hour, so codes cannot be
 * guessed; an admin can lift a lockout early. Both hours are measured on the application's
 * clock (Redis expiry only clears the keys afterwards). Per-user keys use a keyed hash of the
 * LINE user id; the agency's staff set keeps the ids themselves, as alerts to the agency must
 * be pushed to them.
 */
public class StaffLinking {

	private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

	private static final int CODE_LENGTH = 10;

	/**
	 * What a typed code looks like: 10 characters of the alphabet (O, I and L as the digits they
	 * are taken for, Thai digits as digits), together or as 5 and 5 with a dash or spaces between.
	 */
	private static final Pattern CODE_SHAPE = Pattern.compile(
			"[0-9๐-๙A-TV-Z]{5}(?:\\s*[-‐‑‒–—−]\\s*|\\s+)?[0-9๐-๙A-TV-Z]{5}", Pattern.CASE_INSENSITIVE);

	static final int MAX_WRONG = 5;

	static final Duration WRONG_WINDOW = Duration.ofHours(1);

	/** How many characters of the hashed user the locked-out officer is shown, to tell an admin. */
	static final int REFERENCE_LENGTH = 12;

	private static final String LOCKOUTS = "link:lockouts";

	/** Marks a code used only if it is unused: two officers racing for one code cannot both win. */
	private static final RedisScript<String> CLAIM = RedisScript.of("""
			local v = redis.call('HGET', KEYS[1], 'agency')
			if not v then return 'missing' end
			if redis.call('HGET', KEYS[1], 'used') == '1' then return 'used' end
			if tonumber(redis.call('HGET', KEYS[1], 'expiresAt')) < tonumber(ARGV[1]) then return 'expired' end
			redis.call('HSET', KEYS[1], 'used', '1')
			return 'ok:' .. v
			""", String.class);

	/**
	 * Counts a wrong code in a window that starts at the first one; the fifth locks the user for
	 * the window's length, recorded with since and until and in the index of lockouts (scored by
	 * until), and starts the count afresh. ARGV: now (ms), window (ms), max, hashed user.
	 */
	private static final RedisScript<Long> COUNT_WRONG = RedisScript.of("""
			local now = tonumber(ARGV[1])
			local window = tonumber(ARGV[2])
			local since = tonumber(redis.call('HGET', KEYS[1], 'since') or '')
			if not since or now - since >= window then
			  redis.call('DEL', KEYS[1])
			  redis.call('HSET', KEYS[1], 'since', now)
			end
			local n = redis.call('HINCRBY', KEYS[1], 'n', 1)
			redis.call('PEXPIRE', KEYS[1], window)
			if n >= tonumber(ARGV[3]) then
			  redis.call('HSET', KEYS[2], 'since', now, 'until', now + window)
			  redis.call('PEXPIRE', KEYS[2], window)
			  redis.call('ZADD', KEYS[3], now + window, ARGV[4])
			  redis.call('DEL', KEYS[1])
			end
			return n
			""", Long.class);

	private final SecureRandom random = new SecureRandom();

	private final StringRedisTemplate redis;

	private final RedisAgencies agencies;

	private final Clock clock;

	private final Duration validity;

	private final UserIdHashes hashes;

	StaffLinking(StringRedisTemplate redis, RedisAgencies agencies, Clock clock, Duration validity, UserIdHashes hashes) {
		this.redis = redis;
		this.agencies = agencies;
		this.clock = clock;
		this.validity = validity;
		this.hashes = hashes;
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

	/**
	 * Whether what an officer typed after "link" has the shape of a code. Only such a text is a
	 * link attempt that can count as wrong; anything else ("link to the budget form") is a question.
	 */
	public static boolean looksLikeCode(String typed) {
		return typed != null && CODE_SHAPE.matcher(typed.strip()).matches();
	}

	public LinkResult link(String userId, String typedCode) {
		String user = userHash(userId);
		if (lockout(user).isPresent()) {
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
			redis.delete(wrongKey(user));
			return new LinkResult(Outcome.LINKED, agency);
		}
		Long wrong = redis.execute(COUNT_WRONG, List.of(wrongKey(user), lockKey(user), LOCKOUTS),
				String.valueOf(clock.millis()), String.valueOf(WRONG_WINDOW.toMillis()), String.valueOf(MAX_WRONG), user);
		if (wrong != null && wrong >= MAX_WRONG) {
			return new LinkResult(Outcome.LOCKED, null);
		}
		return new LinkResult(switch (String.valueOf(claim)) {
			case "used" -> Outcome.USED_CODE;
			case "expired" -> Outcome.EXPIRED_CODE;
			default -> Outcome.WRONG_CODE;
		}, null);
	}

	/**
	 * A user locked out of linking, as a keyed hash of their LINE user id (the officer is shown its
	 * first characters as a reference), since when and until when.
	 */
	public record Lockout(String user, Instant since, Instant until) {
	}

	/** The users locked out now, the soonest to be released first; at most {@code limit}. */
	public List<Lockout> lockouts(int limit) {
		long now = clock.millis();
		redis.opsForZSet().removeRangeByScore(LOCKOUTS, Double.NEGATIVE_INFINITY, now);
		Set<String> users = redis.opsForZSet().rangeByScore(LOCKOUTS, now + 1, Double.POSITIVE_INFINITY, 0, limit);
		return users == null ? List.of() : users.stream().flatMap(u -> lockout(u).stream()).toList();
	}

	/**
	 * Lifts the lockout of a user (a hashed user as {@link #lockouts} lists it) and forgets their
	 * wrong codes.
	 *
	 * @return the lockout lifted, or empty if the user was not locked out
	 */
	public Optional<Lockout> unlock(String hashedUser) {
		Optional<Lockout> lockout = lockout(hashedUser);
		redis.delete(List.of(lockKey(hashedUser), wrongKey(hashedUser)));
		redis.opsForZSet().remove(LOCKOUTS, hashedUser);
		return lockout;
	}

	/** What a locked-out officer is shown, so that an admin can find them among the lockouts. */
	public String reference(String userId) {
		return userHash(userId).substring(0, REFERENCE_LENGTH);
	}

	private Optional<Lockout> lockout(String user) {
		List<Object> times = redis.opsForHash().multiGet(lockKey(user), List.<Object>of("since", "until"));
		if (times == null || times.get(0) == null || times.get(1) == null) {
			return Optional.empty();
		}
		Instant until = millis(times.get(1));
		return until.isAfter(clock.instant()) ? Optional.of(new Lockout(user, millis(times.get(0)), until)) : Optional.empty();
	}

	/** Lua writes its numbers as doubles; epoch milliseconds are exact in a double for ages to come. */
	private static Instant millis(Object value) {
		return Instant.ofEpochMilli((long) Double.parseDouble(value.toString()));
	}

	// Hashes under names of their own: the strings of the old "link:locked:" and "link:wrong:"
	// keys may still be in Redis for an hour after an upgrade, and a hash command on them would fail.
	private static String lockKey(String user) {
		return "link:lockout:" + user;
	}

	private static String wrongKey(String user) {
		return "link:wrong-codes:" + user;
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
		return "link:code:" + Sha256.hex(code);
	}

	private String userHash(String userId) {
		return hashes.hash(userId);
	}

}
