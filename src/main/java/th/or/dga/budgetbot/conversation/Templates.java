package th.or.dga.budgetbot.conversation;

import java.util.Map;

/** Fills the {name} placeholders of an operator's or intent's text; unknown placeholders stay as written. */
final class Templates {

	private Templates() {
	}

	static String fill(String template, Map<String, String> values) {
		String text = template;
		for (Map.Entry<String, String> value : values.entrySet()) {
			text = text.replace("{" + value.getKey() + "}", value.getValue());
		}
		return text;
	}

}
