package th.or.dga.budgetbot.nlu;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import opennlp.tools.doccat.FeatureGenerator;

/**
 * Adjacent word pairs ("ยื่น ได้", "ประธาน cnum"): they tell apart questions that share
 * their words. Top-level with a no-arg constructor for the same reason as
 * {@link CharNgramFeatureGenerator}.
 */
public class WordBigramFeatureGenerator implements FeatureGenerator {

	@Override
	public Collection<String> extractFeatures(String[] tokens, Map<String, Object> extraInformation) {
		List<String> features = new ArrayList<>(Math.max(0, tokens.length - 1));
		for (int i = 0; i + 1 < tokens.length; i++) {
			features.add("b=" + tokens[i] + "|" + tokens[i + 1]);
		}
		return features;
	}

}
