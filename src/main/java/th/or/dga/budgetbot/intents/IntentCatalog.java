package th.or.dga.budgetbot.intents;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import th.or.dga.budgetbot.nlu.TrainingExample;

import th.or.dga.budgetbot.hashing.Sha256;

/** A validated set of intents, identified by the hash of its content. Immutable. */
public final class IntentCatalog {

	private final Map<String, Intent> intents;

	private final String contentHash;

	private final Map<String, String> files;

	IntentCatalog(List<Intent> intents, Map<String, String> files) {
		Map<String, Intent> byId = new LinkedHashMap<>();
		intents.forEach(i -> byId.put(i.id(), i));
		this.intents = java.util.Collections.unmodifiableMap(byId);
		this.files = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(files));
		StringBuilder content = new StringBuilder();
		this.files.forEach((name, text) -> content.append(name).append('\0').append(text).append('\0'));
		this.contentHash = sha256(content.toString());
	}

	/** The files this catalog was read from, by name: what a stored version keeps. */
	public Map<String, String> files() {
		return files;
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
		return Sha256.hex(content);
	}

}
