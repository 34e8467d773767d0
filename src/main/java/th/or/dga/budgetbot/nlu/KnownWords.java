package th.or.dga.budgetbot.nlu;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalog's own vocabulary, and the known word a misspelt one most likely meant: one
 * character (a tone mark, a vowel, a consonant) added, dropped or changed. ICU breaks a misspelt
 * Thai word into pieces (แผนงาร → แผน/งาร, ผู้อำนวนการ → ผู้/อำ/นว/นการ), so up to
 * {@value #MAX_PIECES} neighbouring pieces are also tried joined, as long as one of them is
 * unknown. Only words of at least {@value #MIN_LENGTH} characters seen in at least two examples
 * are targets: a short or rare word is too easily reached by chance.
 *
 * <p>Lookup by deletion neighbourhood (each word filed under itself and every one-letter
 * deletion), so that a message costs a few hash lookups per unknown word. Immutable.
 */
final class KnownWords {

	static final int MIN_LENGTH = 4;

	static final int MAX_PIECES = 4;

	private static final int MIN_DOCUMENTS = 2;

	private final Map<String, Integer> documentFrequency;

	/** A word, or a word with one letter deleted, to the known words it comes from. */
	private final Map<String, List<String>> byDeletion = new HashMap<>();

	KnownWords(Map<String, Integer> documentFrequency) {
		this.documentFrequency = documentFrequency;
		documentFrequency.forEach((word, df) -> {
			if (df >= MIN_DOCUMENTS && word.length() >= MIN_LENGTH) {
				for (String key : deletions(word)) {
					byDeletion.computeIfAbsent(key, k -> new ArrayList<>(1)).add(word);
				}
			}
		});
		byDeletion.values().forEach(words -> words.sort(null));
	}

	boolean contains(String word) {
		return documentFrequency.containsKey(word);
	}

	/**
	 * The words with each unknown one (or run of pieces around it) replaced by the known word it is
	 * one edit from; the same list when there is nothing to correct.
	 */
	List<String> correct(List<String> tokens) {
		List<String> out = new ArrayList<>(tokens.size());
		boolean changed = false;
		// Pieces before this index were taken into a correction and may not join another run.
		int floor = 0;
		int i = 0;
		while (i < tokens.size()) {
			String token = tokens.get(i);
			Match match = contains(token) ? null : bestAround(tokens, i, floor);
			if (match == null) {
				out.add(token);
				i++;
				continue;
			}
			// The run may begin with pieces already copied unchanged: take them back.
			out.subList(out.size() - (i - match.start), out.size()).clear();
			out.add(match.word);
			changed = true;
			i = match.end;
			floor = match.end;
		}
		return changed ? out : tokens;
	}

	/**
	 * The longest run of pieces containing the unknown one at {@code i}, starting no earlier than
	 * {@code earliest}, whose joined text is a known word or one edit from one.
	 */
	private Match bestAround(List<String> tokens, int i, int earliest) {
		Match best = null;
		int from = Math.max(earliest, i - (MAX_PIECES - 1));
		for (int start = from; start <= i; start++) {
			StringBuilder joined = new StringBuilder();
			for (int k = start; k < i; k++) {
				joined.append(tokens.get(k));
			}
			for (int end = i + 1; end <= Math.min(tokens.size(), start + MAX_PIECES); end++) {
				String piece = tokens.get(end - 1);
				if (!isThai(piece) && end - start > 1) {
					break;
				}
				joined.append(piece);
				if (end - start == 1 || isThai(joined)) {
					String word = nearest(joined.toString());
					if (word != null && (best == null || end - start > best.end - best.start)) {
						best = new Match(start, end, word);
					}
				}
			}
		}
		return best;
	}

	/** The known word this one is, or is one edit from, preferring the most common; null if none. */
	String nearest(String word) {
		if (word.length() < MIN_LENGTH) {
			return null;
		}
		if (documentFrequency.getOrDefault(word, 0) >= MIN_DOCUMENTS) {
			return word;
		}
		String best = null;
		int bestDf = 0;
		for (String key : deletions(word)) {
			for (String candidate : byDeletion.getOrDefault(key, List.of())) {
				int df = documentFrequency.get(candidate);
				if (df > bestDf && withinOneEdit(word, candidate)) {
					best = candidate;
					bestDf = df;
				}
			}
		}
		return best;
	}

	private static List<String> deletions(String word) {
		List<String> keys = new ArrayList<>(word.length() + 1);
		keys.add(word);
		for (int i = 0; i < word.length(); i++) {
			keys.add(word.substring(0, i) + word.substring(i + 1));
		}
		return keys;
	}

	static boolean withinOneEdit(String a, String b) {
		if (Math.abs(a.length() - b.length()) > 1) {
			return false;
		}
		int i = 0;
		while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
			i++;
		}
		int j = a.length();
		int k = b.length();
		while (j > i && k > i && a.charAt(j - 1) == b.charAt(k - 1)) {
			j--;
			k--;
		}
		return j - i <= 1 && k - i <= 1;
	}

	private static boolean isThai(CharSequence text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < '\u0E00' || c > '\u0E7F') {
				return false;
			}
		}
		return text.length() > 0;
	}

	private record Match(int start, int end, String word) {
	}

}
