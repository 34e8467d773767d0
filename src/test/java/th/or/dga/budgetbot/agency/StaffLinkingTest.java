package th.or.dga.budgetbot.agency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.json.JsonMapper;

import th.or.dga.budgetbot.MutableClock;
import th.or.dga.budgetbot.agency.LinkResult.Outcome;
import th.or.dga.budgetbot.hashing.UserIdHashes;
import th.or.dga.budgetbot.store.TestRedis;

/** Link codes and lockouts against a real Redis, with the hour measured on a clock the test moves. */
class StaffLinkingTest {

	private final MutableClock clock = new MutableClock();

	private final RedisAgencies agencies = new RedisAgencies(TestRedis.template(), JsonMapper.builder().findAndAddModules().build());

	private final StaffLinking linking = new StaffLinking(TestRedis.template(), agencies, clock, Duration.ofHours(72),
			UserIdHashes.withKey("staff-linking-test-key"));

	/** The README's numbers as literals: a change to either constant fails here. */
	@Test
	void fiveWrongCodesWithinAnHourLockTheUserForAnHourEvenForTheRightCode() {
		String user = newUser();
		String agency = newAgency();
		for (int i = 0; i < 4; i++) {
			assertThat(linking.link(user, "ZZZZZ-ZZZ0" + i).outcome()).as("wrong code %d", i + 1).isEqualTo(Outcome.WRONG_CODE);
			clock.advance(Duration.ofMinutes(14));
		}
		assertThat(linking.link(user, "ZZZZZ-ZZZ09").outcome()).as("the fifth, 56 minutes after the first").isEqualTo(Outcome.LOCKED);

		String code = linking.issue(agency).code();
		assertThat(linking.link(user, code).outcome()).isEqualTo(Outcome.LOCKED);
		clock.advance(Duration.ofHours(1).minusMillis(1));
		assertThat(linking.link(user, code).outcome()).as("a millisecond before the hour is over").isEqualTo(Outcome.LOCKED);
		clock.advance(Duration.ofMillis(1));
		assertThat(linking.link(user, code).outcome()).as("an hour after the lock").isEqualTo(Outcome.LINKED);
	}

	@Test
	void wrongCodesMoreThanAnHourApartDoNotAddUpToALockout() {
		String user = newUser();
		for (int i = 0; i < 4; i++) {
			assertThat(linking.link(user, "ZZZZZ-ZZZ1" + i).outcome()).isEqualTo(Outcome.WRONG_CODE);
		}
		clock.advance(Duration.ofMinutes(61));
		for (int i = 0; i < 4; i++) {
			assertThat(linking.link(user, "ZZZZZ-ZZZ2" + i).outcome()).isEqualTo(Outcome.WRONG_CODE);
		}

		assertThat(linking.link(user, linking.issue(newAgency()).code()).outcome()).isEqualTo(Outcome.LINKED);
	}

	@Test
	void listsALockedUserAsAKeyedHashWithSinceAndUntilAndAnAdminCanLiftIt() {
		String user = newUser();
		for (int i = 0; i < StaffLinking.MAX_WRONG; i++) {
			linking.link(user, "ZZZZZ-ZZZ3" + i);
		}

		StaffLinking.Lockout lockout = linking.lockouts(1000)
			.stream()
			.filter(l -> l.user().startsWith(linking.reference(user)))
			.findFirst()
			.orElseThrow();
		assertThat(lockout.user()).hasSize(64).doesNotContain(user);
		assertThat(lockout.until()).isEqualTo(lockout.since().plus(Duration.ofHours(1)));

		assertThat(linking.unlock(lockout.user())).contains(lockout);
		assertThat(linking.lockouts(1000)).doesNotContain(lockout);
		assertThat(linking.unlock(lockout.user())).isEmpty();
		assertThat(linking.link(user, linking.issue(newAgency()).code()).outcome()).isEqualTo(Outcome.LINKED);
	}

	@Test
	void aLockoutLeavesTheListOnceItsHourIsOver() {
		String user = newUser();
		for (int i = 0; i < StaffLinking.MAX_WRONG; i++) {
			linking.link(user, "ZZZZZ-ZZZ4" + i);
		}
		assertThat(linking.lockouts(1000)).anyMatch(l -> l.user().startsWith(linking.reference(user)));

		clock.advance(StaffLinking.WRONG_WINDOW);

		assertThat(linking.lockouts(1000)).noneMatch(l -> l.user().startsWith(linking.reference(user)));
	}

	@Test
	void knowsTheShapeOfACodeAsOfficersTypeIt() {
		assertThat(java.util.List.of("ABCDE-12345", "abcde 12345", "ABCDE12345", "๑๒๓๔๕-ABCDE", "ABCDE – 12345", "WRONG-10000",
				"ab0il - 12345")).allMatch(StaffLinking::looksLikeCode);
		assertThat(java.util.List.of("to the budget form please", "ABCDU-12345", "ABCD-123456", "ABCDE-1234", "ABCDE-12345-6",
				"form please", "")).noneMatch(StaffLinking::looksLikeCode);
	}

	private String newAgency() {
		String code = "SL" + UUID.randomUUID().toString().substring(0, 6).toUpperCase().replaceAll("[^A-Z0-9]", "X");
		agencies.save(new Agency(code, "กรมทดสอบ", "Test agency", null));
		return code;
	}

	private static String newUser() {
		return "U" + UUID.randomUUID().toString().replace("-", "");
	}

}
