package th.or.dga.budgetbot.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import th.or.dga.budgetbot.language.Language;

/**
 * Dates as Thai readers expect them: "15 ม.ค. 2564" (Buddhist era), or "15 Jan 2021" in English;
 * instants in Bangkok time, "29 ม.ค. 2570 เวลา 16:30 น." or "29 Jan 2027, 16:30 (Bangkok time)".
 */
public final class ThaiDates {

	private static final String[] THAI_MONTHS = { "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.",
			"ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค." };

	private static final DateTimeFormatter ENGLISH = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

	private static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");

	private ThaiDates() {
	}

	public static String format(LocalDate date, Language language) {
		if (language == Language.EN) {
			return ENGLISH.format(date);
		}
		return date.getDayOfMonth() + " " + THAI_MONTHS[date.getMonthValue() - 1] + " " + (date.getYear() + 543);
	}

	/** A deadline or an opening, with its time of day in Bangkok. */
	public static String format(Instant instant, Language language) {
		ZonedDateTime time = instant.atZone(BANGKOK);
		String clock = String.format(Locale.ROOT, "%02d:%02d", time.getHour(), time.getMinute());
		if (language == Language.EN) {
			return format(time.toLocalDate(), language) + ", " + clock + " (Bangkok time)";
		}
		return format(time.toLocalDate(), language) + " เวลา " + clock + " น.";
	}

	/** "12 วัน", or within the last day "5 ชั่วโมง", then minutes; never negative. */
	public static String timeLeft(Duration left, Language language) {
		if (left.isNegative()) {
			left = Duration.ZERO;
		}
		boolean en = language == Language.EN;
		if (left.toDays() >= 1) {
			long days = left.toDays();
			return en ? days + (days == 1 ? " day" : " days") : days + " วัน";
		}
		long hours = left.toHours();
		if (hours >= 1) {
			return en ? hours + (hours == 1 ? " hour" : " hours") : hours + " ชั่วโมง";
		}
		long minutes = left.toMinutes();
		return en ? minutes + (minutes == 1 ? " minute" : " minutes") : minutes + " นาที";
	}

}
