package th.or.dga.budgetbot.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import th.or.dga.budgetbot.language.LocalizedText;

/**
 * A fiscal year as the admin API and {@code config/fiscal-years.yml} write it: text that
 * {@link FiscalYearRules} checks field by field, so every problem can name its field. What
 * {@code GET} answers can be sent back with {@code PUT} unchanged.
 *
 * @param year the B.E. year; optional in a {@code PUT}, where the path names it
 * @param opens an instant with its offset ({@code 2026-12-01T08:30:00+07:00}) or a date
 *     alone, the start of that day in Asia/Bangkok
 * @param closes likewise; a date alone is 23:59:59 of that day in Asia/Bangkok
 * @param reminders ISO-8601 durations before {@code closes}: {@code P7D}, {@code PT2H}
 */
record FiscalYearBody(Integer year, String state, String opens, String closes, List<String> reminders, Text phase,
		Text reason) {

	/** A Thai and an English text. */
	record Text(String th, String en) {

		static Text of(LocalizedText text) {
			return text == null ? null : new Text(text.th(), text.en());
		}

	}

	static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");

	static FiscalYearBody of(FiscalYear year) {
		return new FiscalYearBody(year.year(), year.state().name(), instant(year.opens()), instant(year.closes()),
				year.reminders().stream().map(FiscalYearBody::duration).toList(), Text.of(year.phase()), Text.of(year.reason()));
	}

	private static String instant(Instant instant) {
		return instant == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(BANGKOK).toOffsetDateTime());
	}

	/** As admins write them: {@code P7D} rather than Java's {@code PT168H}. */
	private static String duration(Duration duration) {
		if (!duration.isZero() && duration.toSeconds() % 86_400 == 0) {
			return "P" + duration.toDays() + "D";
		}
		return duration.toString();
	}

}
