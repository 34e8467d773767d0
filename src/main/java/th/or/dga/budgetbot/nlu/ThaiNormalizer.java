package th.or.dga.budgetbot.nlu;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import th.or.dga.budgetbot.language.UserText;

/**
 * Puts a message into one canonical form before segmentation, so that the many ways officers
 * write the same thing (Thai or Arabic digits, ปี 64 or FY2021, พ.ร.บ. or พรบ, ดิจิตอล or
 * ดิจิทัล, ม้ย or ไหม) reach the classifier as the same tokens.
 *
 * <p>NFC and not NFKC: NFKC splits sara am (ำ) and changes how ICU segments the word. Years
 * and committee numbers are replaced by the generic tokens {@value #YEAR_TOKEN} and
 * {@value #COMMITTEE_TOKEN}; their values are returned as {@link Mentions}. Stateless and
 * thread-safe.
 */
public final class ThaiNormalizer {

	public static final String YEAR_TOKEN = "fyear";

	public static final String COMMITTEE_TOKEN = "cnum";

	public static final String NUMBER_TOKEN = "num";

	public static final String REQUEST_ID_TOKEN = "reqid";

	/** A request id such as ABC-123 or DGA-64-001: letters, then dash-separated parts with a digit. */
	private static final Pattern REQUEST_ID = Pattern
		.compile("(?<![a-z0-9-])([a-z][a-z0-9]{1,9}(?:-[a-z0-9]{1,10}){1,3})(?![a-z0-9-])");

	/** ค่าาาา → ค่า; letters only, so a number such as 999 keeps its digits. */
	private static final Pattern REPEATED_CHAR = Pattern.compile("([\\u0E00-\\u0E4F\\p{IsLatin}])\\1{2,}");

	/** Substring rewrites that are safe anywhere in a word (no real word contains them). */
	private static final List<Rewrite> SPELLING = List.of(
			new Rewrite("ดิจิ(?:ต|ท)(?:อ|ั)ล|ดีจิทัล|ดิจิทล", "ดิจิทัล"),
			new Rewrite("ม้ย|มั้ย|มั๊ย|มั๋ย|ไม๊|ไม้|หมั้ย", "ไหม"),
			new Rewrite("(?:ห|ร)ึ(?:อ)?(?:เปล่า|ป่าว)|หรือเปล่า|หรือไม่", " ไหม "),
			new Rewrite("งบประมาน|งบปรมาณ|งบประมาร", "งบประมาณ"),
			new Rewrite("บูรณ(?:า)?การณ์|บูรณการ|บูรนาการ|บูรณาการ์", "บูรณาการ"),
			new Rewrite("ราชกิจ(?:จา)?นุเบกษา|ราชกิจจา(?=\\s|$)", " ราชกิจจานุเบกษา "),
			new Rewrite("ใคร(?:ค่ะ|คะ|ครับ|คับ)", "ใคร "),
			new Rewrite("ๆ", " "),
			new Rewrite("ฯ", " "));

	/** Abbreviations, with or without dots, to one token each; dots would glue them to the next word. */
	private static final List<Rewrite> ABBREVIATIONS = List.of(
			new Rewrite("พ\\.\\s?ร\\.\\s?บ\\.?|พรบ\\.?", " พรบ "),
			new Rewrite("ส\\.\\s?พ\\.\\s?ร\\.?|สพร\\.?", " สพร "),
			new Rewrite("ค\\.\\s?ร\\.\\s?ม\\.?|ครม\\.?", " ครม "),
			new Rewrite("ส\\.\\s?ง\\.\\s?ป\\.?|สงป\\.?", " สำนักงบประมาณ "),
			new Rewrite("ผอ\\.|ผอ(?=\\s*สพร)", " ผู้อำนวยการ "),
			new Rewrite("รอง\\s?นายกฯ?|รองนายก(?!รัฐ)", " รองนายกรัฐมนตรี "),
			new Rewrite("กก\\.", " กรรมการ "),
			new Rewrite("e-mail", "email"),
			// "ของบ" is ขอ+งบ ("request budget") unless a word such as บริษัท or บ้าน follows.
			new Rewrite("ของบ(?=ประมาณ|\\s|$|ปี|ดิจ|บูร|เพิ่ม|ได้|ไม่|ไป|ใน|แผน|จาก|ทัน|ช้า|ยัง|อีก|\\d)", "ขอ งบ"));

	private static final Pattern PREFIXED_YEAR = Pattern.compile(
			"(พ\\.?\\s?ศ\\.?|ค\\.?\\s?ศ\\.?|ปีงบประมาณ|ปีงบ|ปี|fy|b\\.?e\\.?)\\s*(\\d{4}|\\d{2})(?![\\d.])");

	private static final Pattern BARE_YEAR = Pattern.compile("(?<![\\d.,\u0001])(2[45]\\d\\d|20[0-4]\\d)(?![\\d.,\u0001])");

	private static final Pattern COMMITTEE = Pattern
		.compile("(?<![\\d.,])([1-9])\\.(\\d{1,2})(?![\\d.,])(?!\\s*(?:ล้าน|บาท|%|พัน|หมื่น|แสน|million|billion|baht))");

	private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");

	private static final Pattern SCRIPT_BOUNDARY = Pattern
		.compile("(?<=[\\u0E00-\\u0E7F])(?=[a-z0-9])|(?<=[a-z0-9])(?=[\\u0E00-\\u0E7F])");

	private static final Map<String, String> YEAR_PREFIX = Map.of("ปีงบ", "ปีงบประมาณ", "fy", "ปีงบประมาณ",
			"ปีงบประมาณ", "ปีงบประมาณ", "ปี", "ปี");

	private final SpellingVariants variants;

	public ThaiNormalizer() {
		this(SpellingVariants.NONE);
	}

	/** With the admins' variant table, applied before the rewrites built in here. */
	public ThaiNormalizer(SpellingVariants variants) {
		this.variants = variants;
	}

	public NormalizedText normalize(String message) {
		// First, whoever calls: invisible characters must not split or join the words and
		// numbers read below, and U+0001 is this class's own year marker. Cleaning also gives NFC.
		String text = UserText.clean(message);
		if (text.isEmpty()) {
			return new NormalizedText("", Mentions.NONE);
		}
		text = thaiDigitsToAscii(text).toLowerCase(Locale.ROOT);
		text = REPEATED_CHAR.matcher(text).replaceAll("$1");
		text = variants.rewrite(text);
		for (Rewrite rewrite : SPELLING) {
			text = rewrite.apply(text);
		}
		for (Rewrite rewrite : ABBREVIATIONS) {
			text = rewrite.apply(text);
		}
		List<String> requestIds = new ArrayList<>();
		text = replaceRequestIds(text, requestIds);
		List<Integer> years = new ArrayList<>();
		text = replaceYears(text, years);
		List<String> committees = new ArrayList<>();
		text = replaceCommittees(text, committees);
		text = NUMBER.matcher(text).replaceAll(" " + NUMBER_TOKEN + " ");
		text = SCRIPT_BOUNDARY.matcher(text).replaceAll(" ");
		text = text.replaceAll("[^\\p{L}\\p{M}\\p{N}\\s]", " ").replaceAll("\\s+", " ").strip();
		return new NormalizedText(text, new Mentions(years, committees, requestIds));
	}

	static String thaiDigitsToAscii(String text) {
		StringBuilder out = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			out.append(c >= '๐' && c <= '๙' ? (char) ('0' + (c - '๐')) : c);
		}
		return out.toString();
	}

	private static String replaceYears(String text, List<Integer> years) {
		// Positions matter (the last year named is the one asked about), so collect both
		// forms in one left-to-right pass over the prefixed form first, then the bare form.
		StringBuilder out = new StringBuilder();
		Matcher prefixed = PREFIXED_YEAR.matcher(text);
		int last = 0;
		while (prefixed.find()) {
			out.append(text, last, prefixed.start());
			String prefix = prefixed.group(1).replaceAll("[.\\s]", "");
			boolean commonEra = prefix.startsWith("ค");
			Integer year = toBuddhistYear(prefixed.group(2), commonEra);
			if (year == null) {
				out.append(prefixed.group());
			}
			else {
				out.append(' ').append(YEAR_PREFIX.getOrDefault(prefix, "")).append(' ').append(yearMarker(year)).append(' ');
			}
			last = prefixed.end();
		}
		out.append(text.substring(last));
		String marked = BARE_YEAR.matcher(out).replaceAll(m -> {
			Integer year = toBuddhistYear(m.group(1), false);
			return year == null ? m.group() : " " + yearMarker(year) + " ";
		});
		Matcher markers = YEAR_MARKER.matcher(marked);
		StringBuilder result = new StringBuilder();
		while (markers.find()) {
			years.add(Integer.parseInt(markers.group(1)));
			markers.appendReplacement(result, YEAR_TOKEN);
		}
		markers.appendTail(result);
		return result.toString();
	}

	/** U+0001 can only come from here: {@link UserText#clean} has turned any typed one into a space. */
	private static final Pattern YEAR_MARKER = Pattern.compile("\u0001(\\d{4})\u0001");

	private static String yearMarker(int year) {
		return "\u0001" + year + "\u0001";
	}

	/** B.E. year for a written year: 64 and 2564 are B.E., 21 and 2021 are C.E. (+543). */
	static Integer toBuddhistYear(String digits, boolean commonEra) {
		int value = Integer.parseInt(digits);
		if (digits.length() == 2) {
			value = (value >= 50 && !commonEra) ? 2500 + value : 2000 + value + 543;
			return value;
		}
		if (commonEra || (value >= 1950 && value < 2100)) {
			return value + 543;
		}
		return (value >= 2400 && value <= 2700) ? value : null;
	}

	private static String replaceRequestIds(String text, List<String> requestIds) {
		Matcher matcher = REQUEST_ID.matcher(text);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			String id = matcher.group(1);
			if (id.chars().anyMatch(Character::isDigit)) {
				requestIds.add(id.toUpperCase(Locale.ROOT));
				matcher.appendReplacement(out, " " + REQUEST_ID_TOKEN + " ");
			}
			else {
				matcher.appendReplacement(out, Matcher.quoteReplacement(id));
			}
		}
		matcher.appendTail(out);
		return out.toString();
	}

	private static String replaceCommittees(String text, List<String> committees) {
		Matcher matcher = COMMITTEE.matcher(text);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			committees.add(matcher.group(1) + "." + Integer.parseInt(matcher.group(2)));
			matcher.appendReplacement(out, " " + COMMITTEE_TOKEN + " ");
		}
		matcher.appendTail(out);
		return out.toString();
	}

	private record Rewrite(Pattern pattern, String replacement) {

		Rewrite(String regex, String replacement) {
			this(Pattern.compile(regex), replacement);
		}

		String apply(String text) {
			return pattern.matcher(text).replaceAll(replacement);
		}

	}

}
