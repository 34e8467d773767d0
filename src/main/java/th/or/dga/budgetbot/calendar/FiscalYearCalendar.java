package th.or.dga.budgetbot.calendar;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.Yaml;

import th.or.dga.budgetbot.language.LocalizedText;

/**
 * The operator's fiscal-year calendar ({@code config/fiscal-years.yml}). Immutable; a year
 * that is not listed is {@link SubmissionState#UNKNOWN}, never assumed open or closed.
 */
public final class FiscalYearCalendar {

	private final int currentYear;

	private final Map<Integer, FiscalYear> years;

	public FiscalYearCalendar(int currentYear, List<FiscalYear> years) {
		this.currentYear = currentYear;
		Map<Integer, FiscalYear> byYear = new HashMap<>();
		years.forEach(y -> byYear.put(y.year(), y));
		this.years = Map.copyOf(byYear);
	}

	public int currentYear() {
		return currentYear;
	}

	public FiscalYear year(int year) {
		return years.getOrDefault(year, FiscalYear.unknown(year));
	}

	public Optional<FiscalYear> listed(int year) {
		return Optional.ofNullable(years.get(year));
	}

	public static FiscalYearCalendar load(Path file) {
		Map<String, Object> root;
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			root = new Yaml().load(reader);
		}
		catch (IOException | RuntimeException e) {
			throw new InvalidCalendar(file + ": cannot be read as YAML (" + e.getMessage() + ")");
		}
		if (root == null || !(root.get("currentYear") instanceof Integer current)) {
			throw new InvalidCalendar(file + ": needs 'currentYear: <B.E. year>', e.g. currentYear: 2564");
		}
		List<?> entries = root.get("years") instanceof List<?> list ? list : List.of();
		List<FiscalYear> years = entries.stream().map(e -> parseYear(file, e)).toList();
		return new FiscalYearCalendar(current, years);
	}

	private static FiscalYear parseYear(Path file, Object entry) {
		if (!(entry instanceof Map<?, ?> map) || !(map.get("year") instanceof Integer year) || year < 2400) {
			throw new InvalidCalendar(file + ": every entry of 'years' needs 'year: <B.E. year>' (e.g. 2565), got " + entry);
		}
		String state = String.valueOf(map.get("submission"));
		SubmissionState submission = switch (state) {
			case "open" -> SubmissionState.OPEN;
			case "closed" -> SubmissionState.CLOSED;
			default -> throw new InvalidCalendar(file + ": year " + year + ": 'submission' must be open or closed, got " + state);
		};
		LocalDate opens = date(file, year, map.get("opens"));
		LocalDate deadline = date(file, year, map.get("deadline"));
		if (submission == SubmissionState.OPEN && (opens == null || deadline == null || deadline.isBefore(opens))) {
			throw new InvalidCalendar(file + ": open year " + year + " needs 'opens' and 'deadline' (ISO dates, deadline not before opens)");
		}
		LocalizedText phase = LocalizedText.fromYaml(map.get("phase"));
		LocalizedText reason = LocalizedText.fromYaml(map.get("reason"));
		if (submission == SubmissionState.CLOSED && (phase == null || reason == null)) {
			throw new InvalidCalendar(file + ": closed year " + year + " needs 'phase' and 'reason', each with th and en");
		}
		@SuppressWarnings("unchecked")
		List<String> facts = map.get("facts") instanceof List<?> f ? (List<String>) f : List.of();
		return new FiscalYear(year, submission, opens, deadline, phase, reason, facts);
	}

	private static LocalDate date(Path file, int year, Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof java.util.Date d) {
			return d.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate();
		}
		try {
			return LocalDate.parse(value.toString());
		}
		catch (DateTimeParseException e) {
			throw new InvalidCalendar(file + ": year " + year + ": '" + value + "' is not an ISO date such as 2021-03-31");
		}
	}

	/** The calendar file is wrong; the message names the file and what to fix. */
	public static class InvalidCalendar extends RuntimeException {

		public InvalidCalendar(String message) {
			super(message);
		}

	}

}
