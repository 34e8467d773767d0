package th.or.dga.budgetbot.nlu;

import java.util.ArrayList;
import java.util.HashMap;
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

	private final Map<String, List<Posting>> postings = new HashMap<>();

	private final List<String> exampleIntents = new ArrayList<>();

	SimilarityIndex(List<String> intents, List<List<String>> examples) {
		Map<String, Integer> documentFrequency = new HashMap<>();
		for (List<String> tokens : examples) {
			features(tokens).keySet().forEach(f -> documentFrequency.merge(f, 1, Integer::sum));
		}
		int n = examples.size();
		Map<String, Double> weights = new HashMap<>();
		documentFrequency.forEach((f, df) -> weights.put(f, Math.log(1.0 + (double) n / df)));
		this.idf = Map.copyOf(weights);
		for (int doc = 0; doc < examples.size(); doc++) {
			exampleIntents.add(intents.get(doc));
			Map<String, Double> vector = vector(examples.get(doc));
			for (Map.Entry<String, Double> e : vector.entrySet()) {
				postings.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(new Posting(doc, e.getValue()));
			}
		}
	}

	/** The best cosine similarity of the message to any example of each intent. */
	Map<String, Double> bestPerIntent(List<String> tokens) {
		Map<String, Double> query = vector(tokens);
		double[] dot = new double[exampleIntents.size()];
		for (Map.Entry<String, Double> e : query.entrySet()) {
			for (Posting p : postings.getOrDefault(e.getKey(), List.of())) {
				dot[p.doc()] += p.weight() * e.getValue();
			}
		}
		Map<String, Double> best = new HashMap<>();
		for (int doc = 0; doc < dot.length; doc++) {
			best.merge(exampleIntents.get(doc), dot[doc], Math::max);
		}
		return best;
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

	private record Posting(int doc, double weight) {
	}

}
