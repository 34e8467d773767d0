package th.or.dga.budgetbot.nlu;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import opennlp.tools.doccat.FeatureGenerator;

/**
 * Character 3-grams of each word, with word boundaries marked, so that a misspelt or
 * differently segmented word still shares most of its features with the trained one.
 *
 * <p>A top-level class with a no-arg constructor on purpose: an OpenNLP model rebuilds its
 * feature generators from the class names in its manifest, so constructor arguments would
 * be silently lost.
 */
public class CharNgramFeatureGenerator implements FeatureGenerator {

	static final int N = 3;

	@Override
	public Collection<String> extractFeatures(String[] tokens, Map<String, Object> extraInformation) {
		List<String> features = new ArrayList<>();
		for (String token : tokens) {
			addGrams(token, features);
		}
		return features;
	}

	static void addGrams(String token, List<String> features) {
		String word = "_" + token + "_";
		if (word.length() <= N) {
			features.add("c=" + word);
			return;
		}
		for (int i = 0; i + N <= word.length(); i++) {
			features.add("c=" + word.substring(i, i + N));
		}
	}

}
