package th.or.dga.budgetbot.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

class QuietHoursTest {

	private static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");

	private static Instant bangkok(int day, int hour, int minute) {
		return ZonedDateTime.of(2027, 1, day, hour, minute, 0, 0, BANGKOK).toInstant();
	}

	@Test
	void aStartInsideQuietHoursAcrossMidnightWaitsForSevenInTheMorning() {
		QuietHours quiet = QuietHours.parse("21:00-07:00", BANGKOK);
		assertThat(quiet.endIfInside(bangkok(5, 21, 0))).contains(bangkok(6, 7, 0));
		assertThat(quiet.endIfInside(bangkok(5, 23, 59))).contains(bangkok(6, 7, 0));
		assertThat(quiet.endIfInside(bangkok(6, 3, 0))).contains(bangkok(6, 7, 0));
		assertThat(quiet.endIfInside(bangkok(6, 6, 59))).contains(bangkok(6, 7, 0));
	}

	@Test
	void aStartOutsideQuietHoursIsNotMoved() {
		QuietHours quiet = QuietHours.parse("21:00-07:00", BANGKOK);
		assertThat(quiet.endIfInside(bangkok(6, 7, 0))).isEmpty();
		assertThat(quiet.endIfInside(bangkok(6, 12, 0))).isEmpty();
		assertThat(quiet.endIfInside(bangkok(6, 20, 59))).isEmpty();
	}

	@Test
	void hoursWithinOneDayWork() {
		QuietHours lunch = QuietHours.parse("12:00-13:00", BANGKOK);
		assertThat(lunch.endIfInside(bangkok(6, 12, 30))).contains(bangkok(6, 13, 0));
		assertThat(lunch.endIfInside(bangkok(6, 13, 30))).isEmpty();
	}

	@Test
	void offMeansNeverMoved() {
		assertThat(QuietHours.parse("off", BANGKOK).endIfInside(bangkok(5, 23, 0))).isEmpty();
	}

	@Test
	void refusesAValueThatIsNotTwoTimes() {
		assertThatThrownBy(() -> QuietHours.parse("9pm-7am", BANGKOK)).hasMessageContaining("app.notices.quiet-hours");
		assertThatThrownBy(() -> QuietHours.parse("07:00-07:00", BANGKOK)).hasMessageContaining("two different times");
	}

}
