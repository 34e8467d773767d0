package th.or.dga.budgetbot.nlu;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TF-IDF cosine similarity of a message to every training example, over the same word,
 * word-pair and character 3-gram features the maxent model uses. Maxent generalises across
 * examples; this nearest-example score rewards a message that is close to one phrasing, and
 * the two together beat either alone on held-out questions. Immutable after construction.
 */
final class SimilarityIndex {

	private final Map<String, Double> idf;

	/** Per feature, the examples that have it and its weight in each, as arrays: this loop is most of a classification. */
	private final Map<String, Postings> postings = new HashMap<>();

	/** The intent of each example, as an index into {@link #intentNames}. */
	private final int[] exampleIntents;

	private final String[] intentNames;

	SimilarityIndex(List<String> intents, List<List<String>> examples) {
		Map<String, Integer> documentFrequency = new HashMap<>();
		for (List<String> tokens : examples) {
			features(tokens).keySet().forEach(f -> documentFrequency.merge(f, 1, Integer::sum));
		}
		int n = examples.size();
		Map<String, Double> weights = new HashMap<>();
		documentFrequency.forEach((f, df) -> weights.put(f, Math.log(1.0 + (double) n / df)));
		this.idf = Map.copyOf(weights);
		Map<String, Integer> intentIndex = new LinkedHashMap<>();
		this.exampleIntents = new int[n];
		Map<String, Postings.Builder> building = new HashMap<>();
		for (int doc = 0; doc < n; doc++) {
			exampleIntents[doc] = intentIndex.computeIfAbsent(intents.get(doc), k -> intentIndex.size());
			Map<String, Double> vector = vector(examples.get(doc));
			for (Map.Entry<String, Double> e : vector.entrySet()) {
				building.computeIfAbsent(e.getKey(), k -> new Postings.Builder()).add(doc, e.getValue());
			}
		}
		building.forEach((feature, builder) -> postings.put(feature, builder.build()));
		this.intentNames = intentIndex.keySet().toArray(String[]::new);
	}

	/** The best cosine similarity of the message to any example of each intent. */
	Map<String, Double> bestPerIntent(List<String> tokens) {
		Map<String, Double> query = vector(tokens);
		double[] dot = new double[exampleIntents.length];
		for (Map.Entry<String, Double> e : query.entrySet()) {
			Postings p = postings.get(e.getKey());
			if (p == null) {
				continue;
			}
			double weight = e.getValue();
			for (int i = 0; i < p.docs.length; i++) {
				dot[p.docs[i]] += p.weights[i] * weight;
			}
		}
		double[] best = new double[intentNames.length];
		java.util.Arrays.fill(best, Double.NEGATIVE_INFINITY);
		for (int doc = 0; doc < dot.length; doc++) {
			int intent = exampleIntents[doc];
			best[intent] = Math.max(best[intent], dot[doc]);
		}
		Map<String, Double> byIntent = new HashMap<>(intentNames.length * 2);
		for (int i = 0; i < intentNames.length; i++) {
			byIntent.put(intentNames[i], best[i]);
		}
		return byIntent;
	}

	private Map<String, Double> vector(List<String> tokens) {
		Map<String, Double> vector = new HashMap<>();
		double norm = 0;
		for (Map.Entry<String, Integer> e : features(tokens).entrySet()) {
			Double weight = idf.get(e.getKey());
			if (weight == null) {
				continue;
			}
			double w = (1 + Math.log(e.getValue())) * weight;
			vector.put(e.getKey(), w);
			norm += w * w;
		}
		if (norm > 0) {
			double length = Math.sqrt(norm);
			vector.replaceAll((k, v) -> v / length);
		}
		return vector;
	}

	static Map<String, Integer> features(List<String> tokens) {
		List<String> all = new ArrayList<>();
		String[] words = tokens.toArray(String[]::new);
		for (String word : words) {
			all.add("w=" + word);
		}
		all.addAll(new WordBigramFeatureGenerator().extractFeatures(words, Map.of()));
		all.addAll(new CharNgramFeatureGenerator().extractFeatures(words, Map.of()));
		Map<String, Integer> counts = new HashMap<>();
		all.forEach(f -> counts.merge(f, 1, Integer::sum));
		return counts;
	}

	/** The examples having one feature, in example order, with the feature's weight in each. */
	private static final class Postings {

		private final int[] docs;

		private final double[] weights;

		private Postings(int[] docs, double[] weights) {
			this.docs = docs;
			this.weights = weights;
		}

		private static final class Builder {

			private final List<Integer> docs = new ArrayList<>();

			private final List<Double> weights = new ArrayList<>();

			void add(int doc, double weight) {
				docs.add(doc);
				weights.add(weight);
			}

			Postings build() {
				return new Postings(docs.stream().mapToInt(Integer::intValue).toArray(),
						weights.stream().mapToDouble(Double::doubleValue).toArray());
			}

		}

	}

}
