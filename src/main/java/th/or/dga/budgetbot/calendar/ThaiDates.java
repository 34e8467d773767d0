package th.or.dga.budgetbot.calendar;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import th.or.dga.budgetbot.language.Language;

/** Dates as Thai readers expect them: "15 ม.ค. 2564" (Buddhist era), or "15 Jan 2021" in English. */
public final class ThaiDates {

	private static final String[] THAI_MONTHS = { "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.",
			"ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค." };

	private static final DateTimeFormatter ENGLISH = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

	private ThaiDates() {
	}

	public static String format(LocalDate date, Language language) {
		if (language == Language.EN) {
			return ENGLISH.format(date);
		}
		return date.getDayOfMonth() + " " + THAI_MONTHS[date.getMonthValue() - 1] + " " + (date.getYear() + 543);
	}

}
