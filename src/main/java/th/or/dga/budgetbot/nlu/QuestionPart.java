package th.or.dga.budgetbot.nlu;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the question may start in a message that tells a story first ("เราส่งคำขอไปเมื่อวาน
 * แต่ระบบแจ้งว่าปิดแล้ว อยากทราบว่ายังยื่นได้ไหม"): after the last phrase officers open a
 * question with (ช่วย, อยากทราบ, ขอถาม, สอบถาม, รบกวน, can you ...), after a final ว่า, in the
 * last sentence (after ?, ! or ". "), and in the last one or two space-separated chunks, as Thai
 * separates sentences with a space. The classifier tries these as well as the whole message.
 * Stateless.
 */
final class QuestionPart {

	/** A part shorter than this many letters is a particle or a thank-you, not a question. */
	private static final int MIN_LETTERS = 6;

	/** Phrases that open the question; the phrase itself stays in the part (it tells the kind of question). */
	private static final Pattern OPENER = Pattern.compile(
			"อยากทราบ|อยากรู้|ขอทราบ|ขอถาม|สอบถาม|รบกวน|ช่วย(?!เหลือ)|ไม่ทราบว่า|\\b(?:can you|could you|please tell|i want to know|i'd like to know|may i ask|how|what|when|who|where|which|why|is it|are we|can we|do we)\\b",
			Pattern.CASE_INSENSITIVE);

	/** ว่า ("that") before the question proper: the part starts after it. */
	private static final Pattern THAT = Pattern.compile("ว่า");

	private static final Pattern SENTENCE_END = Pattern.compile("[?!？]|\\.\\s");

	private QuestionPart() {
	}

	/** Parts of the cleaned message, each shorter than it; empty when nothing in it opens a question. */
	static List<String> candidates(String message) {
		List<String> parts = new ArrayList<>(4);
		add(parts, afterLast(OPENER, message, true), message);
		add(parts, afterLast(THAT, message, false), message);
		add(parts, lastSentence(message), message);
		String[] chunks = message.strip().split("\\s+");
		if (chunks.length >= 2) {
			add(parts, chunks[chunks.length - 1], message);
			add(parts, chunks[chunks.length - 2] + " " + chunks[chunks.length - 1], message);
		}
		return parts;
	}

	private static String afterLast(Pattern cue, String message, boolean keepCue) {
		Matcher matcher = cue.matcher(message);
		int at = -1;
		int end = -1;
		while (matcher.find()) {
			if (letters(message.substring(matcher.end())) >= MIN_LETTERS || keepCue) {
				at = matcher.start();
				end = matcher.end();
			}
		}
		if (at <= 0) {
			return null;
		}
		return keepCue ? message.substring(at) : message.substring(end);
	}

	private static String lastSentence(String message) {
		String text = message.strip();
		// A question mark at the very end closes the question itself, not the story before it.
		String body = text.replaceFirst("[?!？.\\s]+$", "");
		Matcher matcher = SENTENCE_END.matcher(body);
		int last = -1;
		while (matcher.find()) {
			last = matcher.end();
		}
		return last <= 0 ? null : body.substring(last);
	}

	private static void add(List<String> parts, String part, String message) {
		if (part == null) {
			return;
		}
		String stripped = part.strip();
		if (letters(stripped) >= MIN_LETTERS && stripped.length() < message.strip().length() && !parts.contains(stripped)) {
			parts.add(stripped);
		}
	}

	private static int letters(String text) {
		int n = 0;
		for (int i = 0; i < text.length(); i++) {
			if (Character.isLetter(text.charAt(i))) {
				n++;
			}
		}
		return n;
	}

}
