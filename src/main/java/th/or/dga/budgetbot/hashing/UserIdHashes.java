package th.or.dga.budgetbot.hashing;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A keyed hash (HMAC-SHA256) of a LINE user id, for what only needs to recognise a user again
 * without keeping who it is. Keyed, so that nobody holding the Redis data can hash a known id
 * and look it up. The key comes from the environment ({@code app.privacy.user-id-key}).
 */
public final class UserIdHashes {

	private final SecretKeySpec key;

	/** A Mac per thread: making one per id costs more than the hash when a notice resolves 100,000 users. */
	private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

	public UserIdHashes(byte[] key) {
		if (key == null || key.length == 0) {
			throw new IllegalArgumentException("the user id hash key (app.privacy.user-id-key, or the channel secret) is empty");
		}
		this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
	}

	public static UserIdHashes withKey(String key) {
		return new UserIdHashes(key.getBytes(StandardCharsets.UTF_8));
	}

	/** The full hash, 64 hex characters. */
	public String hash(String userId) {
		// doFinal resets the Mac for the next id.
		return HexFormat.of().formatHex(macs.get().doFinal(userId.getBytes(StandardCharsets.UTF_8)));
	}

	private Mac newMac() {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			return mac;
		}
		catch (NoSuchAlgorithmException | InvalidKeyException e) {
			throw new IllegalStateException("HmacSHA256 is in every Java runtime", e);
		}
	}

}
