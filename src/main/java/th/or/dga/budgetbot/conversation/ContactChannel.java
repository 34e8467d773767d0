package th.or.dga.budgetbot.conversation;

import th.or.dga.budgetbot.language.Language;
import th.or.dga.budgetbot.language.LocalizedText;

/** The contact channel given when the bot cannot answer (operator data, {@code config/contact.yml}). */
public record ContactChannel(LocalizedText name, String phone, String email, String web) {

	public String in(Language language) {
		if (language == Language.EN) {
			return name.en() + ", call centre " + phone + ", e-mail " + email + ", web " + web;
		}
		return name.th() + " โทร " + phone + " อีเมล " + email + " เว็บไซต์ " + web;
	}

}
