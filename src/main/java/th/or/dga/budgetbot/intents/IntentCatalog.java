package th.or.dga.budgetbot.intents;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import th.or.dga.budgetbot.nlu.TrainingExample;

/** A validated set of intents, identified by the hash of its content. Immutable. */
public final class IntentCatalog {

	private final Map<String, Intent> intents;

	private final String contentHash;

	IntentCatalog(List<Intent> intents, String content) {
		Map<String, Intent> byId = new LinkedHashMap<>();
		intents.forEach(i -> byId.put(i.id(), i));
		this.intents = java.util.Collections.unmodifiableMap(byId);
		this.contentHash = sha256(content);
	}

	public Optional<Intent> intent(String id) {
		return Optional.ofNullable(intents.get(id));
	}

	public Collection<Intent> intents() {
		return intents.values();
	}

	public String contentHash() {
		return contentHash;
	}

	public List<TrainingExample> trainingExamples() {
		List<TrainingExample> examples = new ArrayList<>();
		for (Intent intent : intents.values()) {
			intent.thaiExamples().forEach(e -> examples.add(new TrainingExample(intent.id(), e)));
			intent.englishExamples().forEach(e -> examples.add(new TrainingExample(intent.id(), e)));
		}
		return examples;
	}

	private static String sha256(String content) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

}
