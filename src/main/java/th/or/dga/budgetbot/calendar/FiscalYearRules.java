package th.or.dga.budgetbot.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import th.or.dga.budgetbot.calendar.CalendarProblems.InvalidFiscalYear;
import th.or.dga.budgetbot.language.LocalizedText;

/**
 * What a fiscal year must be before it is stored, whether it comes from the admin API or from
 * {@code config/fiscal-years.yml}: every problem is collected and named by its field, and
 * nothing is stored unless there are none.
 */
final class FiscalYearRules {

	static final int FIRST_YEAR = 2500;

	static final int LAST_YEAR = 2700;

	/** A reminder further ahead than this is a typo (P70D for P7D), not a plan. */
	static final Duration LONGEST_REMINDER = Duration.ofDays(366);

	private final int maxReminders;

	private final int maxTextLength;

	FiscalYearRules(int maxReminders, int maxTextLength) {
		this.maxReminders = maxReminders;
		this.maxTextLength = maxTextLength;
	}

	/** The year the body describes, or {@link InvalidFiscalYear} listing every problem. */
	FiscalYear check(int year, FiscalYearBody body) {
		List<String> errors = new ArrayList<>();
		if (year < FIRST_YEAR || year > LAST_YEAR) {
			errors.add("year: must be a B.E. year from " + FIRST_YEAR + " to " + LAST_YEAR + " (e.g. 2566), got " + year);
		}
		if (body == null) {
			errors.add("body: a fiscal year is required, e.g. {\"state\": \"NOT_OPEN\"}");
			throw new InvalidFiscalYear(errors);
		}
		if (body.year() != null && body.year() != year) {
			errors.add("year: " + body.year() + " differs from the year in the path, " + year);
		}
		FiscalYearState state = state(body.state(), errors);
		Instant opens = instant("opens", body.opens(), LocalTime.MIDNIGHT, errors);
		Instant closes = instant("closes", body.closes(), LocalTime.of(23, 59, 59), errors);
		if (state == FiscalYearState.OPEN && (body.opens() == null || body.closes() == null)) {
			errors.add("state: OPEN needs both opens and closes, the window in which requests are taken");
		}
		if (opens != null && closes != null && !closes.isAfter(opens)) {
			errors.add("closes: must be after opens");
		}
		List<Duration> reminders = reminders(body.reminders(), errors);
		if (!reminders.isEmpty() && body.closes() == null) {
			errors.add("reminders: need closes, the deadline they count back from");
		}
		LocalizedText phase = text("phase", body.phase(), errors);
		LocalizedText reason = text("reason", body.reason(), errors);
		if (state != null && state.closedForRequests() && (body.phase() == null || body.reason() == null)) {
			errors.add((body.phase() == null ? "phase" : "reason") + ": required for a " + state
					+ " year, the bot tells agencies where the budget stands and why they cannot submit");
		}
		if (!errors.isEmpty()) {
			throw new InvalidFiscalYear(errors);
		}
		return new FiscalYear(year, state, opens, closes, reminders, phase, reason);
	}

	private static FiscalYearState state(String value, List<String> errors) {
		List<FiscalYearState> settable = FiscalYearState.settable();
		if (value != null) {
			for (FiscalYearState state : settable) {
				if (state.name().equals(value.trim().toUpperCase(Locale.ROOT))) {
					return state;
				}
			}
		}
		errors.add("state: must be one of " + settable.stream().map(Enum::name).toList()
				+ (value == null ? "" : ", got '" + value + "'"));
		return null;
	}

	private static Instant instant(String field, String value, LocalTime timeOfDateAlone, List<String> errors) {
		if (value == null) {
			return null;
		}
		String text = value.trim();
		try {
			if (text.length() == 10) {
				return LocalDate.parse(text).atTime(timeOfDateAlone).atZone(FiscalYearBody.BANGKOK).toInstant();
			}
			if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:?\\d\\d$")) {
				return OffsetDateTime.parse(text).toInstant();
			}
			return LocalDateTime.parse(text).atZone(FiscalYearBody.BANGKOK).toInstant();
		}
		catch (DateTimeParseException e) {
			errors.add(field + ": '" + abbreviated(value) + "' is neither a date (2027-01-29) nor a date and time with offset "
					+ "(2027-01-29T16:30:00+07:00)");
			return null;
		}
	}

	private List<Duration> reminders(List<String> values, List<String> errors) {
		if (values == null) {
			return List.of();
		}
		if (values.size() > maxReminders) {
			errors.add("reminders: at most " + maxReminders + ", got " + values.size());
			return List.of();
		}
		List<Duration> reminders = new ArrayList<>();
		Map<Duration, Integer> seen = new HashMap<>();
		for (int i = 0; i < values.size(); i++) {
			String field = "reminders[" + i + "]";
			Duration reminder = duration(values.get(i));
			if (reminder == null) {
				errors.add(field + ": '" + abbreviated(values.get(i)) + "' is not an ISO-8601 duration such as P7D or PT2H");
			}
			else if (reminder.isNegative() || reminder.isZero()) {
				errors.add(field + ": must be a positive time before closes, such as P1D");
			}
			else if (reminder.compareTo(LONGEST_REMINDER) > 0) {
				errors.add(field + ": at most a year (P366D) before closes, got " + values.get(i));
			}
			else if (seen.putIfAbsent(reminder, i) != null) {
				errors.add(field + ": the same time as reminders[" + seen.get(reminder) + "]");
			}
			else {
				reminders.add(reminder);
			}
		}
		return reminders;
	}

	/** {@code P7D}, {@code PT2H}, {@code P1DT12H}; Java's Duration takes days but not weeks or months, which vary. */
	private static Duration duration(String value) {
		if (value == null) {
			return null;
		}
		try {
			return Duration.parse(value.trim());
		}
		catch (DateTimeParseException e) {
			return null;
		}
	}

	private LocalizedText text(String field, FiscalYearBody.Text value, List<String> errors) {
		if (value == null) {
			return null;
		}
		boolean valid = true;
		for (String language : List.of("th", "en")) {
			String text = language.equals("th") ? value.th() : value.en();
			if (text == null || text.isBlank()) {
				errors.add(field + "." + language + ": must not be blank");
				valid = false;
			}
			else if (text.length() > maxTextLength) {
				errors.add(field + "." + language + ": at most " + maxTextLength + " characters, got " + text.length());
				valid = false;
			}
		}
		return valid ? new LocalizedText(value.th().strip(), value.en().strip()) : null;
	}

	private static String abbreviated(String value) {
		return value.length() <= 40 ? value : value.substring(0, 40) + "…";
	}

}
