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
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			return HexFormat.of().formatHex(mac.doFinal(userId.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException e) {
			throw new IllegalStateException("HmacSHA256 is in every Java runtime", e);
		}
	}

}
