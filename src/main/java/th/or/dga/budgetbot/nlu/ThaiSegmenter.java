package th.or.dga.budgetbot.nlu;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;

/**
 * Splits normalised text into words: ICU4J's dictionary-based Thai word breaker, with the
 * programme's own terms kept whole (ICU splits บูรณาการ into บูรณ/า/การ and งบประมาณ
 * inconsistently), polite particles dropped and a few synonyms folded.
 *
 * <p>ICU's {@link BreakIterator} is not thread-safe (a shared one can spin forever in its
 * dictionary cache), so every call works on a clone of a prototype.
 */
public final class ThaiSegmenter {

	/** Terms of the domain that must stay one token, longest first so that compounds win. */
	private static final List<String> DOMAIN_TERMS = List.of("สำนักงบประมาณ", "ราชกิจจานุเบกษา", "รองนายกรัฐมนตรี",
			"นายกรัฐมนตรี", "คณะรัฐมนตรี", "คณะกรรมการ", "อนุกรรมการ", "ปีงบประมาณ", "งบประมาณ", "บูรณาการ", "ดิจิทัล",
			"ผู้อำนวยการ", "องค์การมหาชน", "ยุทธศาสตร์", "เลขานุการ", "จัดสรร", "แผนงาน", "ประวิตร", "วงษ์สุวรรณ",
			"เจ้าภาพ", "พลเอก", "สพร", "พรบ", "ครม", "ผูกบัญชี", ThaiNormalizer.YEAR_TOKEN, ThaiNormalizer.COMMITTEE_TOKEN)
		.stream()
		.sorted(Comparator.comparingInt(String::length).reversed())
		.toList();

	private static final Set<String> PARTICLES = Set.of("ครับ", "คับ", "ค้าบ", "คร้าบ", "ครัช", "ครับผม", "ค่ะ", "คะ", "ค่า",
			"คร่ะ", "จ้า", "จ้ะ", "จ๊ะ", "จ๋า", "นะ", "น่ะ", "นะคะ", "นะครับ", "ฮะ", "ฮับ", "งับ", "เจ้าค่ะ", "อ่ะ", "อะ",
			"เนอะ", "จ๊า");

	private static final Map<String, String> SYNONYMS = Map.of("งบ", "งบประมาณ", "ปีงบ", "ปีงบประมาณ", "มั๊ย", "ไหม",
			"หรอ", "ไหม", "เหรอ", "ไหม", "ป่ะ", "ไหม", "กรรมการ", "คณะกรรมการ");

	private final BreakIterator prototype = BreakIterator.getWordInstance(new ULocale("th"));

	private final SpellingVariants variants;

	public ThaiSegmenter() {
		this(SpellingVariants.NONE);
	}

	/** With the admins' table, whose short Thai variants are replaced here as whole words. */
	public ThaiSegmenter(SpellingVariants variants) {
		this.variants = variants;
	}

	public List<String> segment(String normalizedText) {
		List<String> tokens = new ArrayList<>();
		BreakIterator breaker = (BreakIterator) prototype.clone();
		for (String chunk : normalizedText.split("\\s+")) {
			if (chunk.isEmpty()) {
				continue;
			}
			if (isThai(chunk.charAt(0))) {
				segmentThai(chunk, breaker, tokens);
			}
			else {
				tokens.add(chunk);
			}
		}
		return tokens;
	}

	private void segmentThai(String chunk, BreakIterator breaker, List<String> out) {
		int start = 0;
		int i = 0;
		while (i < chunk.length()) {
			String term = termAt(chunk, i);
			if (term == null) {
				i++;
				continue;
			}
			breakWords(chunk.substring(start, i), breaker, out);
			add(term, out);
			i += term.length();
			start = i;
		}
		breakWords(chunk.substring(start), breaker, out);
	}

	private static String termAt(String chunk, int index) {
		for (String term : DOMAIN_TERMS) {
			if (chunk.startsWith(term, index)) {
				return term;
			}
		}
		return null;
	}

	private void breakWords(String piece, BreakIterator breaker, List<String> out) {
		if (piece.isEmpty()) {
			return;
		}
		breaker.setText(piece);
		int start = breaker.first();
		for (int end = breaker.next(); end != BreakIterator.DONE; start = end, end = breaker.next()) {
			add(piece.substring(start, end), out);
		}
	}

	private void add(String word, List<String> out) {
		String spelt = variants.word(word);
		String token = SYNONYMS.getOrDefault(spelt, spelt);
		if (!token.isBlank() && !PARTICLES.contains(token)) {
			out.add(token);
		}
	}

	private static boolean isThai(char c) {
		return c >= '\u0E00' && c <= '\u0E7F';
	}

}
