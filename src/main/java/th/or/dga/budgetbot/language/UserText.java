package th.or.dga.budgetbot.language;

import java.text.Normalizer;

/**
 * What a user typed, made safe to read: NFC, control characters and line or paragraph
 * separators as spaces, format characters (zero-width, bidi controls, BOM, soft hyphen)
 * removed, lone surrogates removed, runs of white space folded, ends stripped. Everything that
 * reads a message (commands, the NLU, stored questions) reads it after this, so that invisible
 * characters cannot split or join the words and numbers the bot acts on.
 */
public final class UserText {

	private UserText() {
	}

	public static String clean(String text) {
		if (text == null) {
			return "";
		}
		String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
		StringBuilder out = new StringBuilder(nfc.length());
		boolean space = true;
		for (int i = 0; i < nfc.length();) {
			int cp = nfc.codePointAt(i);
			i += Character.charCount(cp);
			int type = Character.getType(cp);
			if (type == Character.FORMAT && cp != 0x200B) {
				continue;
			}
			if (type == Character.SURROGATE) {
				continue;
			}
			boolean blank = type == Character.CONTROL || type == Character.LINE_SEPARATOR
					|| type == Character.PARAGRAPH_SEPARATOR || cp == 0x200B || Character.isWhitespace(cp)
					|| Character.isSpaceChar(cp);
			if (blank) {
				if (!space) {
					out.append(' ');
					space = true;
				}
				continue;
			}
			out.appendCodePoint(cp);
			space = false;
		}
		int end = out.length();
		if (end > 0 && out.charAt(end - 1) == ' ') {
			out.setLength(end - 1);
		}
		return out.toString();
	}

}
