package th.or.dga.budgetbot.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import th.or.dga.budgetbot.calendar.CalendarProblems.InvalidFiscalYear;
import th.or.dga.budgetbot.calendar.FiscalYearBody.Text;
import th.or.dga.budgetbot.language.Language;
import th.or.dga.budgetbot.store.TestRedis;

class FiscalYearCalendarTest {

	private final FiscalYearRules rules = new FiscalYearRules(10, 500);

	private final RedisFiscalYears years = new RedisFiscalYears(TestRedis.template(), 2564);

	@BeforeEach
	void emptyCalendar() {
		TestRedis.template().delete(RedisFiscalYears.KEY);
	}

	@Test
	void theShippedCalendarHasFy2564InAllocationForTheReasonOfFactF12() {
		FiscalYearCalendar calendar = FiscalYearCalendar.load(Path.of("config/fiscal-years.yml"));

		FiscalYear fy2564 = calendar.year(2564);
		assertThat(fy2564.state()).isEqualTo(FiscalYearState.IN_ALLOCATION);
		assertThat(fy2564.phase().th()).contains("สำนักงบประมาณ");
		assertThat(fy2564.reason().th()).contains("เสร็จสิ้นแล้ว").contains("อยู่ระหว่างการจัดสรรงบประมาณของสำนักงบประมาณ");
		assertThat(calendar.year(2565).state()).isEqualTo(FiscalYearState.UNKNOWN);
	}

	@Test
	void fiscalYear2564RunsFromOctober2563ToSeptember2564() {
		FiscalYear year = FiscalYear.unknown(2564);

		assertThat(year.firstDay()).isEqualTo(LocalDate.of(2020, 10, 1));
		assertThat(year.lastDay()).isEqualTo(LocalDate.of(2021, 9, 30));
	}

	@Test
	void formatsDatesAndTimesInTheBuddhistEraInBangkok() {
		assertThat(ThaiDates.format(LocalDate.of(2021, 1, 15), Language.TH)).isEqualTo("15 ม.ค. 2564");
		assertThat(ThaiDates.format(LocalDate.of(2021, 1, 15), Language.EN)).isEqualTo("15 Jan 2021");
		Instant deadline = Instant.parse("2027-01-29T09:30:00Z");
		assertThat(ThaiDates.format(deadline, Language.TH)).isEqualTo("29 ม.ค. 2570 เวลา 16:30 น.");
		assertThat(ThaiDates.format(deadline, Language.EN)).isEqualTo("29 Jan 2027, 16:30 (Bangkok time)");
		assertThat(ThaiDates.format(Instant.parse("2026-12-31T17:05:00Z"), Language.TH)).isEqualTo("1 ม.ค. 2570 เวลา 00:05 น.");
	}

	@Test
	void aDateAloneOpensAtTheStartAndClosesAtTheEndOfThatDayInBangkok() {
		FiscalYear year = rules.check(2570, new FiscalYearBody(null, "OPEN", "2026-12-01", "2027-01-29",
				List.of("P14D", "PT2H"), null, null));

		assertThat(year.opens()).isEqualTo(OffsetDateTime.parse("2026-12-01T00:00:00+07:00").toInstant());
		assertThat(year.closes()).isEqualTo(OffsetDateTime.parse("2027-01-29T23:59:59+07:00").toInstant());
		assertThat(year.reminders()).containsExactly(Duration.ofDays(14), Duration.ofHours(2));
		assertThat(FiscalYearBody.of(year).reminders()).containsExactly("P14D", "PT2H");
		assertThat(FiscalYearBody.of(year).closes()).isEqualTo("2027-01-29T23:59:59+07:00");
	}

	@Test
	void namesEveryFieldThatIsWrong() {
		FiscalYearBody body = new FiscalYearBody(null, "OPENED", "2027-02-01T08:30:00+07:00", "2027-01-29T16:30:00+07:00",
				List.of("P7D", "seven days", "-P1D", "P400D", "PT168H"), new Text("", "x".repeat(501)), null);

		assertThatThrownBy(() -> rules.check(2801, body)).isInstanceOfSatisfying(InvalidFiscalYear.class,
				e -> assertThat(e.errors).anyMatch(m -> m.startsWith("year: must be a B.E. year from 2500 to 2700"))
					.anyMatch(m -> m.startsWith("state: must be one of [NOT_OPEN, OPEN, CLOSED, IN_ALLOCATION, ALLOCATED]"))
					.contains("closes: must be after opens")
					.anyMatch(m -> m.startsWith("reminders[1]: 'seven days' is not an ISO-8601 duration"))
					.anyMatch(m -> m.startsWith("reminders[2]: must be a positive"))
					.anyMatch(m -> m.startsWith("reminders[3]: at most a year"))
					.contains("reminders[4]: the same time as reminders[0]")
					.contains("phase.th: must not be blank")
					.anyMatch(m -> m.startsWith("phase.en: at most 500 characters")));
	}

	@Test
	void refusesAnOpenYearWithoutItsWindowAndTooManyReminders() {
		assertThatThrownBy(() -> rules.check(2570, new FiscalYearBody(null, "OPEN", "2026-12-01", null, null, null, null)))
			.isInstanceOfSatisfying(InvalidFiscalYear.class,
					e -> assertThat(e.errors).anyMatch(m -> m.startsWith("state: OPEN needs both opens and closes")));
		List<String> eleven = java.util.stream.IntStream.rangeClosed(1, 11).mapToObj(i -> "P" + i + "D").toList();
		assertThatThrownBy(() -> rules.check(2570, new FiscalYearBody(null, "NOT_OPEN", null, "2027-01-29", eleven, null, null)))
			.isInstanceOfSatisfying(InvalidFiscalYear.class, e -> assertThat(e.errors).contains("reminders: at most 10, got 11"));
		assertThatThrownBy(() -> rules.check(2564, new FiscalYearBody(null, "IN_ALLOCATION", null, null, null, null, null)))
			.isInstanceOfSatisfying(InvalidFiscalYear.class, e -> assertThat(e.errors).anyMatch(m -> m.startsWith("phase: required")));
	}

	@Test
	void seedingKeepsTheYearsAnAdminChanged() {
		FiscalYear shipped = FiscalYearCalendar.load(Path.of("config/fiscal-years.yml")).year(2564);
		FiscalYear edited = rules.check(2564, new FiscalYearBody(null, "ALLOCATED", null, null, null,
				new Text("จัดสรรแล้ว", "allocated"), new Text("สำนักงบประมาณจัดสรรแล้ว", "the Budget Bureau has allocated it")));

		assertThat(years.seed(shipped)).isTrue();
		assertThat(years.replace(edited)).contains(shipped);
		assertThat(years.seed(shipped)).isFalse();

		assertThat(years.year(2564)).isEqualTo(edited);
		assertThat(years.all()).containsExactly(edited);
	}

	@Test
	void readsAnOpenYearWithItsWindowFromTheFile(@TempDir Path dir) throws IOException {
		Path file = dir.resolve("fiscal-years.yml");
		Files.writeString(file, """
				currentYear: 2570
				years:
				  - year: 2570
				    state: OPEN
				    opens: 2026-12-01T08:30:00+07:00
				    closes: 2027-01-29
				    reminders: [P14D, P7D, P1D, PT2H]
				""");

		FiscalYear year = FiscalYearCalendar.load(file).year(2570);

		assertThat(year.state()).isEqualTo(FiscalYearState.OPEN);
		assertThat(year.opens()).isEqualTo(OffsetDateTime.parse("2026-12-01T08:30:00+07:00").toInstant());
		assertThat(year.closes()).isEqualTo(OffsetDateTime.parse("2027-01-29T23:59:59+07:00").toInstant());
		assertThat(year.reminders()).hasSize(4);
	}

	@Test
	void refusesAFileYearThatBreaksARuleNamingTheFileYearAndField(@TempDir Path dir) throws IOException {
		Path file = dir.resolve("fiscal-years.yml");
		Files.writeString(file, "currentYear: 2570\nyears:\n  - year: 2570\n    state: OPEN\n    opens: 2026-12-01\n");

		assertThatThrownBy(() -> FiscalYearCalendar.load(file)).isInstanceOf(CalendarFile.InvalidCalendar.class)
			.hasMessageContaining("fiscal-years.yml")
			.hasMessageContaining("year 2570")
			.hasMessageContaining("OPEN needs both opens and closes");
	}

}
