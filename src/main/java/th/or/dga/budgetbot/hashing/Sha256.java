package th.or.dga.budgetbot.hashing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as lower-case hex. */
public final class Sha256 {

	private Sha256() {
	}

	public static String hex(String text) {
		return hex(text.getBytes(StandardCharsets.UTF_8));
	}

	public static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(digest(bytes));
	}

	/** The digest itself, for a constant-time comparison ({@link MessageDigest#isEqual}). */
	public static byte[] digest(String text) {
		return digest(text.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] digest(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every Java runtime has SHA-256", e);
		}
	}

}
