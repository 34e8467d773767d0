package th.or.dga.budgetbot.intents;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import th.or.dga.budgetbot.nlu.TrainingExample;

/**
 * Held-out means held out: a test question that near-duplicates a training example measures
 * memory, not understanding. Similarity is the Jaccard index of the two texts' character
 * 3-grams, taken over letters, marks and digits only (lower case, NFC, Thai digits as ASCII),
 * so that spacing and punctuation do not hide a copy.
 */
final class HeldOutCheck {

	private final double maxSimilarity;

	/** @param maxSimilarity a test question this similar (or more) to an example is refused */
	HeldOutCheck(double maxSimilarity) {
		if (!(maxSimilarity > 0 && maxSimilarity <= 1)) {
			throw new IllegalArgumentException("max-test-similarity must be in (0, 1], got " + maxSimilarity);
		}
		this.maxSimilarity = maxSimilarity;
	}

	double maxSimilarity() {
		return maxSimilarity;
	}

	/** A test question too like a training example. */
	record NearDuplicate(TestQuestions.Located question, TrainingExample example, double similarity) {

		/** Names the file, the line and the example, not the question: some test sets must stay unread. */
		String problem(double threshold) {
			return String.format(Locale.ROOT,
					"%s: test question is %.2f similar to the training example \"%s\" (%s; limit %.2f, "
							+ "app.intents.max-test-similarity): rewrite the question in other words or drop it; "
							+ "never move it into the examples",
					question, similarity, example.text(), example.intent(), threshold);
		}

	}

	/** Each test question at or over the limit, with its most similar example; in file order. */
	List<NearDuplicate> find(List<TrainingExample> examples, List<TestQuestions.Located> questions) {
		long[][] exampleGrams = new long[examples.size()][];
		for (int i = 0; i < examples.size(); i++) {
			exampleGrams[i] = trigrams(examples.get(i).text());
		}
		List<NearDuplicate> found = new ArrayList<>();
		for (TestQuestions.Located question : questions) {
			long[] grams = trigrams(question.text());
			int best = -1;
			double bestSimilarity = -1;
			for (int i = 0; i < exampleGrams.length; i++) {
				double similarity = jaccard(grams, exampleGrams[i]);
				if (similarity > bestSimilarity) {
					bestSimilarity = similarity;
					best = i;
				}
			}
			if (best >= 0 && bestSimilarity >= maxSimilarity) {
				found.add(new NearDuplicate(question, examples.get(best), bestSimilarity));
			}
		}
		return found;
	}

	/** The problems to report, one per near-duplicate. */
	List<String> problems(List<TrainingExample> examples, List<TestQuestions.Located> questions) {
		return find(examples, questions).stream().map(d -> d.problem(maxSimilarity)).toList();
	}

	static double similarity(String a, String b) {
		return jaccard(trigrams(a), trigrams(b));
	}

	/** Sorted distinct character 3-grams, each packed into a long (three UTF-16 units). */
	static long[] trigrams(String text) {
		String s = comparable(text);
		if (s.length() < 3) {
			return s.isEmpty() ? new long[0] : new long[] { pack(s) };
		}
		long[] grams = new long[s.length() - 2];
		for (int i = 0; i + 3 <= s.length(); i++) {
			grams[i] = ((long) s.charAt(i) << 32) | ((long) s.charAt(i + 1) << 16) | s.charAt(i + 2);
		}
		return Arrays.stream(grams).sorted().distinct().toArray();
	}

	private static long pack(String shortText) {
		long packed = 0;
		for (int i = 0; i < shortText.length(); i++) {
			packed = (packed << 16) | shortText.charAt(i);
		}
		return packed | (1L << 62); // apart from any real 3-gram
	}

	/** Letters, marks (Thai vowels and tones) and digits only, lower case, digits as ASCII. */
	static String comparable(String text) {
		String normal = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
		StringBuilder kept = new StringBuilder(normal.length());
		normal.codePoints().forEach(c -> {
			if (Character.isDigit(c)) {
				kept.append((char) ('0' + Character.digit(c, 10)));
			}
			else if (Character.isLetter(c) || Character.getType(c) == Character.NON_SPACING_MARK
					|| Character.getType(c) == Character.COMBINING_SPACING_MARK) {
				kept.appendCodePoint(c);
			}
		});
		return kept.toString();
	}

	private static double jaccard(long[] a, long[] b) {
		if (a.length == 0 && b.length == 0) {
			return 0;
		}
		int i = 0;
		int j = 0;
		int common = 0;
		while (i < a.length && j < b.length) {
			if (a[i] == b[j]) {
				common++;
				i++;
				j++;
			}
			else if (a[i] < b[j]) {
				i++;
			}
			else {
				j++;
			}
		}
		return common / (double) (a.length + b.length - common);
	}

}
