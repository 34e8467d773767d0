package th.or.dga.budgetbot.language;

/** The language of a message, and so of the reply: Thai if it has any Thai letter. */
public enum Language {

	TH, EN;

	public static Language of(String message) {
		if (message == null) {
			return TH;
		}
		boolean latin = false;
		for (int i = 0; i < message.length(); i++) {
			char c = message.charAt(i);
			if (c >= '\u0E00' && c <= '\u0E7F') {
				return TH;
			}
			latin |= (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
		}
		return latin ? EN : TH;
	}

}
