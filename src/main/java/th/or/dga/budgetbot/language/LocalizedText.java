package th.or.dga.budgetbot.language;

import java.util.Map;
import java.util.Objects;

/** A text in Thai and in English. */
public record LocalizedText(String th, String en) {

	public LocalizedText {
		Objects.requireNonNull(th, "th");
		Objects.requireNonNull(en, "en");
	}

	public String in(Language language) {
		return language == Language.EN ? en : th;
	}

	/** From a YAML mapping {th: ..., en: ...}; null when the value is not such a mapping. */
	public static LocalizedText fromYaml(Object value) {
		if (value instanceof Map<?, ?> map && map.get("th") != null && map.get("en") != null) {
			return new LocalizedText(map.get("th").toString(), map.get("en").toString());
		}
		return null;
	}

}
