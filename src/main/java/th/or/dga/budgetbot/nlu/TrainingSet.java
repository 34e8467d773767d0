package th.or.dga.budgetbot.nlu;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import opennlp.tools.util.Version;

import th.or.dga.budgetbot.hashing.Sha256;

/**
 * The examples as the classifier sees them (each analysed into words, empty ones left out) and
 * the training settings, with a fingerprint of both. Training is deterministic, so two equal
 * fingerprints give the same model: a stored model is found by it. It is taken over the analysed
 * words rather than the catalog's files, so that a change of the normaliser or segmenter (a new
 * release) also trains anew, while an edit of an answer, which the model never sees, does not.
 */
public final class TrainingSet {

	/**
	 * Raise when the features or the model's construction change in a way the words and
	 * settings do not show (a new feature generator, say), so that stored models are not reused.
	 */
	private static final String MODEL_FORMAT = "maxent-qn cutoff=1; words, word bigrams, char 3-grams; v1";

	private final List<String> intents;

	private final List<List<String>> tokens;

	private final Map<String, Integer> documentFrequency;

	private final NluProperties properties;

	private final String fingerprint;

	private TrainingSet(List<String> intents, List<List<String>> tokens, Map<String, Integer> documentFrequency,
			NluProperties properties) {
		this.intents = List.copyOf(intents);
		this.tokens = List.copyOf(tokens);
		this.documentFrequency = Map.copyOf(documentFrequency);
		this.properties = properties;
		this.fingerprint = fingerprint(this.intents, this.tokens, properties);
	}

	public static TrainingSet of(List<TrainingExample> examples, NluProperties properties, TextAnalyzer analyzer) {
		List<String> intents = new ArrayList<>(examples.size());
		List<List<String>> tokenized = new ArrayList<>(examples.size());
		Map<String, Integer> documentFrequency = new HashMap<>();
		for (TrainingExample example : examples) {
			List<String> tokens = analyzer.analyze(example.text()).tokens();
			if (tokens.isEmpty()) {
				continue;
			}
			intents.add(example.intent());
			tokenized.add(tokens);
			new HashSet<>(tokens).forEach(t -> documentFrequency.merge(t, 1, Integer::sum));
		}
		if (intents.stream().distinct().count() < 2) {
			throw new IllegalArgumentException("training needs examples of at least two intents");
		}
		return new TrainingSet(intents, tokenized, documentFrequency, properties);
	}

	/** SHA-256 (hex) of the model format, OpenNLP's version, the settings and every analysed example. */
	public String fingerprint() {
		return fingerprint;
	}

	List<String> intents() {
		return intents;
	}

	List<List<String>> tokens() {
		return tokens;
	}

	Map<String, Integer> documentFrequency() {
		return documentFrequency;
	}

	NluProperties properties() {
		return properties;
	}

	int size() {
		return intents.size();
	}

	private static String fingerprint(List<String> intents, List<List<String>> tokens, NluProperties properties) {
		StringBuilder content = new StringBuilder(MODEL_FORMAT).append('\n')
			.append("opennlp ").append(Version.currentVersion()).append('\n')
			.append("iterations ").append(properties.iterations()).append('\n');
		for (int i = 0; i < intents.size(); i++) {
			// Separators that the analyser never leaves in a word (it removes control characters).
			content.append(intents.get(i)).append('\u0001').append(String.join("\u0002", tokens.get(i))).append('\n');
		}
		return Sha256.hex(content.toString());
	}

}
