package th.or.dga.budgetbot.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import th.or.dga.budgetbot.language.Language;

class FiscalYearCalendarTest {

	@Test
	void theShippedCalendarHasFy2564ClosedAndInAllocation() {
		FiscalYearCalendar calendar = FiscalYearCalendar.load(Path.of("config/fiscal-years.yml"));

		FiscalYear fy2564 = calendar.year(2564);
		assertThat(fy2564.submission()).isEqualTo(SubmissionState.CLOSED);
		assertThat(fy2564.phase().th()).contains("สำนักงบประมาณ");
		assertThat(calendar.year(2565).submission()).isEqualTo(SubmissionState.UNKNOWN);
	}

	@Test
	void fiscalYear2564RunsFromOctober2563ToSeptember2564() {
		FiscalYear year = FiscalYear.unknown(2564);

		assertThat(year.firstDay()).isEqualTo(LocalDate.of(2020, 10, 1));
		assertThat(year.lastDay()).isEqualTo(LocalDate.of(2021, 9, 30));
	}

	@Test
	void formatsDatesInTheBuddhistEra() {
		assertThat(ThaiDates.format(LocalDate.of(2021, 1, 15), Language.TH)).isEqualTo("15 ม.ค. 2564");
		assertThat(ThaiDates.format(LocalDate.of(2021, 1, 15), Language.EN)).isEqualTo("15 Jan 2021");
	}

	@Test
	void readsAnOpenYearWithItsWindow(@TempDir Path dir) throws IOException {
		Path file = dir.resolve("fiscal-years.yml");
		Files.writeString(file, """
				currentYear: 2565
				years:
				  - year: 2565
				    submission: open
				    opens: 2021-01-04
				    deadline: 2021-03-31
				""");

		FiscalYear year = FiscalYearCalendar.load(file).year(2565);

		assertThat(year.submission()).isEqualTo(SubmissionState.OPEN);
		assertThat(year.deadline()).isEqualTo(LocalDate.of(2021, 3, 31));
	}

	@Test
	void refusesAnOpenYearWithoutADeadline(@TempDir Path dir) throws IOException {
		Path file = dir.resolve("fiscal-years.yml");
		Files.writeString(file, "currentYear: 2565\nyears:\n  - year: 2565\n    submission: open\n    opens: 2021-01-04\n");

		assertThatThrownBy(() -> FiscalYearCalendar.load(file)).isInstanceOf(FiscalYearCalendar.InvalidCalendar.class)
			.hasMessageContaining("fiscal-years.yml")
			.hasMessageContaining("deadline");
	}

}
