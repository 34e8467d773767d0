package th.or.dga.budgetbot.calendar;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

import th.or.dga.budgetbot.calendar.CalendarProblems.InvalidFiscalYear;
import th.or.dga.budgetbot.language.LocalizedText;

/**
 * {@code config/fiscal-years.yml}: the current year, and the years Redis is seeded with. Each
 * year obeys the same {@link FiscalYearRules} as the admin API; a wrong file stops the start
 * with the file, the year and the field to fix.
 *
 * @param currentYear the year a question that names none is about
 */
record CalendarFile(int currentYear, List<FiscalYear> years) {

	private static final Set<String> KEYS = Set.of("year", "state", "opens", "closes", "reminders", "phase", "reason");

	static CalendarFile load(Path file, FiscalYearRules rules) {
		Map<?, ?> root;
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			root = yaml().load(reader) instanceof Map<?, ?> map ? map : null;
		}
		catch (IOException | RuntimeException e) {
			throw new InvalidCalendar(file + ": cannot be read as YAML (" + e.getMessage() + ")");
		}
		if (root == null || !(root.get("currentYear") instanceof Integer current)) {
			throw new InvalidCalendar(file + ": needs 'currentYear: <B.E. year>', e.g. currentYear: 2564");
		}
		List<?> entries = root.get("years") instanceof List<?> list ? list : List.of();
		List<FiscalYear> years = new ArrayList<>();
		for (Object entry : entries) {
			years.add(year(file, entry, rules));
		}
		return new CalendarFile(current, years);
	}

	private static FiscalYear year(Path file, Object entry, FiscalYearRules rules) {
		if (!(entry instanceof Map<?, ?> map) || !(map.get("year") instanceof Integer year)) {
			throw new InvalidCalendar(file + ": every entry of 'years' needs 'year: <B.E. year>' (e.g. 2566), got " + entry);
		}
		for (Object key : map.keySet()) {
			if (!KEYS.contains(String.valueOf(key))) {
				throw new InvalidCalendar(file + ": year " + year + ": unknown key '" + key + "' (allowed: " + KEYS + ")");
			}
		}
		List<String> reminders = map.get("reminders") instanceof List<?> list ? list.stream().map(String::valueOf).toList()
				: null;
		FiscalYearBody body = new FiscalYearBody(year, string(map.get("state")), string(map.get("opens")),
				string(map.get("closes")), reminders, text(map.get("phase")), text(map.get("reason")));
		try {
			return rules.check(year, body);
		}
		catch (InvalidFiscalYear e) {
			throw new InvalidCalendar(file + ": year " + year + ": " + e.getMessage());
		}
	}

	private static String string(Object value) {
		return value == null ? null : value.toString();
	}

	private static FiscalYearBody.Text text(Object value) {
		LocalizedText text = LocalizedText.fromYaml(value);
		return text == null ? null : new FiscalYearBody.Text(text.th(), text.en());
	}

	/** Dates stay text, so that a date alone and a date with a time keep their different meanings. */
	private static Yaml yaml() {
		Resolver withoutTimestamps = new Resolver() {

			@Override
			protected void addImplicitResolvers() {
				addImplicitResolver(Tag.BOOL, BOOL, "yYnNtTfFoO");
				addImplicitResolver(Tag.INT, INT, "-+0123456789");
				addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
				addImplicitResolver(Tag.MERGE, MERGE, "<");
				addImplicitResolver(Tag.NULL, NULL, "~nN\0");
				addImplicitResolver(Tag.NULL, EMPTY, null);
			}

		};
		LoaderOptions loading = new LoaderOptions();
		DumperOptions dumping = new DumperOptions();
		return new Yaml(new SafeConstructor(loading), new Representer(dumping), dumping, loading, withoutTimestamps);
	}

	/** The calendar file is wrong; the message names the file and what to fix. */
	static class InvalidCalendar extends RuntimeException {

		InvalidCalendar(String message) {
			super(message);
		}

	}

}
