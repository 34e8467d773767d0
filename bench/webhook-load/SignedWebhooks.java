import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes N signed LINE webhooks for bench/webhook-load.sh, one a line: the X-Line-Signature
 * (Base64 HMAC-SHA256 of the exact body with the channel secret), a tab, the body. Each body is
 * one text-message event with its own webhookEventId, replyToken and message id (the run's prefix
 * keeps them distinct across runs on one Redis), from one of U users, with the questions of the
 * given files in turn (the second tab-separated column of intents/tests/*.tsv), timestamped now.
 * Usage: java SignedWebhooks.java SECRET PREFIX COUNT USERS OUT QUESTIONS.tsv...
 */
public class SignedWebhooks {

	public static void main(String[] args) throws IOException, GeneralSecurityException {
		String secret = args[0];
		String prefix = args[1];
		int count = Integer.parseInt(args[2]);
		int users = Integer.parseInt(args[3]);
		Path out = Path.of(args[4]);
		List<String> questions = new ArrayList<>();
		for (int i = 5; i < args.length; i++) {
			for (String line : Files.readAllLines(Path.of(args[i]), StandardCharsets.UTF_8)) {
				String[] columns = line.split("\t");
				if (!line.startsWith("#") && columns.length >= 2 && !columns[1].isBlank()) {
					questions.add(columns[1].strip());
				}
			}
		}
		if (questions.isEmpty()) {
			throw new IllegalArgumentException("no questions in the given files");
		}
		Mac mac = Mac.getInstance("HmacSHA256");
		// The SDK's validator takes the secret's bytes as US-ASCII.
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
		HexFormat hex = HexFormat.of();
		long now = System.currentTimeMillis();
		String run = hex.formatHex(prefix.getBytes(StandardCharsets.UTF_8));
		try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
			for (int i = 0; i < count; i++) {
				String user = "U" + String.format("%032x", (long) (i % users) * 2654435761L + 1);
				String body = "{\"destination\":\"Ubenchdestination00000000000000000\",\"events\":[{\"type\":\"message\","
						+ "\"message\":{\"type\":\"text\",\"id\":\"" + (900000000000L + i) + "\",\"text\":"
						+ quote(questions.get(i % questions.size())) + "},"
						+ "\"webhookEventId\":\"" + prefix + "-" + i + "\","
						+ "\"deliveryContext\":{\"isRedelivery\":false},\"timestamp\":" + now + ","
						+ "\"source\":{\"type\":\"user\",\"userId\":\"" + user + "\"},"
						+ "\"replyToken\":\"" + run + String.format("%016x", i) + "\",\"mode\":\"active\"}]}";
				byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
				writer.write(Base64.getEncoder().encodeToString(mac.doFinal(bytes)));
				writer.write('\t');
				writer.write(body);
				writer.write('\n');
			}
		}
	}

	private static String quote(String text) {
		StringBuilder json = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				default -> {
					if (c < 0x20) {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		return json.append('"').toString();
	}

}
