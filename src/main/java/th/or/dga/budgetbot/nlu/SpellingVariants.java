package th.or.dga.budgetbot.nlu;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;

import th.or.dga.budgetbot.language.UserText;

/**
 * The admins' table of how officers write a word (a misspelling, a nickname, an abbreviation)
 * and the word the catalog uses for it ({@code intents/vocabulary/}), applied before the
 * normaliser's own rewrites so that both the examples and the messages reach the classifier in
 * the catalog's spelling.
 *
 * <p>Where a variant is replaced: a Thai variant without a dot only as a whole word after
 * segmentation when it is short (คับ, inside บังคับ), a word of ICU's dictionary (เลขา, inside
 * เลขาธิการ) or part of a word of the table (ยุทธศาสตร, inside ยุทธศาสตร์); any other Thai
 * variant wherever it occurs, also inside a compound (งบประมาน), as Thai has no spaces to find
 * a word by; a variant with Latin letters or digits only where no Latin letter or digit touches
 * it (DG, not DGA). Immutable.
 */
public final class SpellingVariants {

	public static final SpellingVariants NONE = new SpellingVariants(Map.of());

	/** Thai variants this long or shorter, without a dot, are matched as whole words only. */
	static final int SHORT_THAI = 3;

	private final Map<String, String> canonicalByVariant;

	/** One alternation of every variant replaced inside text, longest first, or null when none. */
	private final Pattern inText;

	private final Map<String, String> wholeWords;

	/**
	 * @param canonicalByVariant each variant with the word to read instead; both are compared
	 *     in lower case and NFC, as the normaliser sees them
	 */
	public SpellingVariants(Map<String, String> canonicalByVariant) {
		Map<String, String> table = new HashMap<>();
		canonicalByVariant.forEach((variant, canonical) -> table.put(key(variant), key(canonical)));
		table.remove("");
		this.canonicalByVariant = Map.copyOf(table);
		BreakIterator words = BreakIterator.getWordInstance(new ULocale("th"));
		Set<String> wholeOnly = table.keySet()
			.stream()
			.filter(v -> wholeWordOnly(v, table.values(), words))
			.collect(Collectors.toSet());
		this.wholeWords = table.entrySet()
			.stream()
			.filter(e -> wholeOnly.contains(e.getKey()))
			.collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
		List<String> anywhere = table.keySet()
			.stream()
			.filter(v -> !wholeOnly.contains(v))
			.sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
			.toList();
		this.inText = anywhere.isEmpty() ? null
				: Pattern.compile(anywhere.stream().map(SpellingVariants::alternative).collect(Collectors.joining("|")));
	}

	public int size() {
		return canonicalByVariant.size();
	}

	/** The text with every variant that may stand inside a word replaced. */
	String rewrite(String lowerCaseText) {
		if (inText == null) {
			return lowerCaseText;
		}
		Matcher matcher = inText.matcher(lowerCaseText);
		StringBuilder out = new StringBuilder(lowerCaseText.length() + 16);
		while (matcher.find()) {
			String variant = matcher.group();
			String canonical = canonicalByVariant.get(variant);
			// A dot or a Latin word ended a word: keep it apart. A Thai misspelling inside a compound
			// (งบประมาน) is mended in place, so that the compound stays one word.
			matcher.appendReplacement(out, Matcher.quoteReplacement(separate(variant) ? " " + canonical + " " : canonical));
		}
		matcher.appendTail(out);
		return out.toString();
	}

	/** The catalog's word for a segmented word that is a short variant, or the word itself. */
	String word(String token) {
		return wholeWords.getOrDefault(token, token);
	}

	/** Whether a variant is replaced only where segmentation finds it as a word of its own. */
	public boolean wholeWordOnly(String variant) {
		return wholeWords.containsKey(key(variant));
	}

	private static boolean wholeWordOnly(String variant, Collection<String> canonicals, BreakIterator words) {
		if (variant.indexOf('.') >= 0 || !variant.chars().allMatch(c -> c >= '\u0E00' && c <= '\u0E7F')) {
			return false;
		}
		if (variant.codePointCount(0, variant.length()) <= SHORT_THAI) {
			return true;
		}
		if (canonicals.stream().anyMatch(word -> word.contains(variant))) {
			return true;
		}
		words.setText(variant);
		words.first();
		return words.next() == variant.length();
	}

	private static boolean separate(String variant) {
		return variant.indexOf('.') >= 0 || latin(variant);
	}

	private static boolean latin(String variant) {
		return variant.chars().anyMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
	}

	private static String alternative(String variant) {
		String quoted = Pattern.quote(variant);
		return latin(variant) ? "(?<![a-z0-9])" + quoted + "(?![a-z0-9])" : quoted;
	}

	private static String key(String text) {
		return UserText.clean(text).toLowerCase(Locale.ROOT);
	}

}
