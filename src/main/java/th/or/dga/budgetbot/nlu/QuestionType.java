package th.or.dga.budgetbot.nlu;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a question asks for: a date, a person or body, a count, the years something covers.
 * An intent may answer each kind with its own text, so that "when was the plan approved" gets
 * the date and not only that it was approved. A question with no such word asks what (the
 * intent's usual answer).
 */
public enum QuestionType {

	/** เมื่อไหร่, วันไหน, when, what date: the answer gives the date. */
	WHEN("(เมื่อ|เมือ)\\s*(ไหร่|ไหร|ไร่|ไร|ใด|ไหน)|วัน\\s*(ไหน|ใด|อะไร)|วันที่\\s*(เท่า\\s*)?(ไหร่|ไหร|ไร|ใด)|ตอนไหน|ช่วงไหน|"
			+ "เดือนไหน|กี่โมง|(ปี|พ\\.?\\s?ศ\\.?)\\s*(ไหน|ใด|อะไร)(?!\\s*บ้าง)|\\bwhen\\b|\\b(what|which)\\s+(date|day|time|month|year)\\b|"
			+ "\\bdate\\b"),
	/** ใคร, หน่วยงานไหน, who: the answer gives the name. */
	WHO("ใคร|ผู้ใด|ท่าน\\s*(ใด|ไหน)|คน\\s*ไหน|หน่วยงาน\\s*(ไหน|ใด)|ชื่อ\\s*(อะไร|ไร)|\\bwho(m|se)?\\b|"
			+ "\\bwhich\\s+(agency|body|person|organi[sz]ation)\\b|\\bname\\s+of\\b"),
	/** กี่, จำนวนเท่าไร, how many: the answer gives the number ("ที่กี่", which one, is not a count). */
	HOW_MANY("(?<!ที่)(?<!ที่ )กี่(?!\\s*(โมง|ปี))|จำนวน\\s*(เท่า\\s*)?(ไหร่|ไหร|ไร)|\\bhow\\s+many\\b|\\bnumber\\s+of\\b"),
	/** ปีไหนบ้าง, กี่ปี, which years: the answer gives the years. */
	WHICH_YEARS("(ปี|พ\\.?\\s?ศ\\.?)\\s*(ไหน|ใด|อะไร)\\s*บ้าง|กี่\\s*ปี|ช่วง\\s*ปี|ครอบคลุม|\\b(which|what)\\s+years\\b|"
			+ "\\bhow\\s+many\\s+years\\b|\\byears?\\b.*\\bcover|\\bcover(s|ing)?\\b.*\\byears?\\b");

	private final Pattern cue;

	QuestionType(String cue) {
		this.cue = Pattern.compile(cue, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
	}

	/**
	 * The kinds of question a message asks, in the order it asks them ("ใครเป็นประธาน
	 * แต่งตั้งเมื่อไหร่": who, then when); empty for a plain "what" question. Where two cues
	 * overlap ("กี่ปี"), the longer one wins.
	 */
	public static List<QuestionType> of(String text) {
		if (text == null || text.isBlank()) {
			return List.of();
		}
		String normalized = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
		record Found(QuestionType type, int start, int end) {
		}
		List<Found> found = new ArrayList<>();
		for (QuestionType type : values()) {
			Matcher matcher = type.cue.matcher(normalized);
			if (matcher.find()) {
				found.add(new Found(type, matcher.start(), matcher.end()));
			}
		}
		List<Found> kept = found.stream()
			.filter(f -> found.stream()
				.noneMatch(o -> o != f && o.start() <= f.start() && o.end() >= f.end() && (o.end() - o.start()) > (f.end() - f.start())))
			.sorted(Comparator.comparingInt(Found::start))
			.toList();
		return kept.stream().map(Found::type).toList();
	}

}
