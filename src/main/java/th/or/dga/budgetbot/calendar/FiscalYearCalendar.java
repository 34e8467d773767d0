package th.or.dga.budgetbot.calendar;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fiscal-year calendar as the rest of the app reads it. A year that is not listed is
 * {@link FiscalYearState#UNKNOWN}, never assumed open or closed. The app's calendar is live
 * (in Redis, edited through the admin API); {@link #of} gives a fixed one, for tests.
 */
public interface FiscalYearCalendar {

	/** The year a question that names none is about (from {@code config/fiscal-years.yml}). */
	int currentYear();

	Optional<FiscalYear> listed(int year);

	/** Every listed year, oldest first (the reminder schedule is rebuilt from them). */
	List<FiscalYear> years();

	default FiscalYear year(int year) {
		return listed(year).orElseGet(() -> FiscalYear.unknown(year));
	}

	/** The years of a calendar file such as {@code config/fiscal-years.yml}, fixed as they are there. */
	static FiscalYearCalendar load(java.nio.file.Path file) {
		CalendarFile loaded = CalendarFile.load(file, new FiscalYearRules(10, 500));
		return of(loaded.currentYear(), loaded.years());
	}

	/** A calendar that never changes. */
	static FiscalYearCalendar of(int currentYear, List<FiscalYear> years) {
		Map<Integer, FiscalYear> byYear = new HashMap<>();
		years.forEach(y -> byYear.put(y.year(), y));
		Map<Integer, FiscalYear> fixed = Map.copyOf(byYear);
		return new FiscalYearCalendar() {

			@Override
			public int currentYear() {
				return currentYear;
			}

			@Override
			public Optional<FiscalYear> listed(int year) {
				return Optional.ofNullable(fixed.get(year));
			}

			@Override
			public List<FiscalYear> years() {
				return fixed.values().stream().sorted(java.util.Comparator.comparingInt(FiscalYear::year)).toList();
			}

		};
	}

}
