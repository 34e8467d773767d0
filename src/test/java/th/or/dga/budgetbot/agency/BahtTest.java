package th.or.dga.budgetbot.agency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import th.or.dga.budgetbot.agency.AgencyProblems.InvalidAgencyData;

class BahtTest {

	@Test
	void takesPositiveAmountsOfAtMostFifteenDigitsAndTwoDecimals() {
		assertThat(Baht.parse("amountRequested", "999999999999999.99")).isEqualTo(new BigDecimal("999999999999999.99"));
		assertThat(Baht.parse("amountRequested", " 1,250,000.5 ")).isEqualTo(new BigDecimal("1250000.50"));
		assertThat(Baht.parse("amountRequested", "1.5e3")).isEqualTo(new BigDecimal("1500.00"));
		assertThat(Baht.parse("amountRequested", "0.01")).isEqualTo(new BigDecimal("0.01"));
		assertThat(Baht.parse("amountRequested", "12.3400")).isEqualTo(new BigDecimal("12.34"));
		assertThat(Baht.parse("amountRequested", " ")).isNull();
	}

	@Test
	void refusesEverythingElseNamingTheFieldFirst() {
		for (String amount : new String[] { "0", "-5", "1234567890123456", "12.345", "1e1000", "1e-1000", "1e10000000", "abc",
				"1" + "0".repeat(60), "NaN" }) {
			assertThatThrownBy(() -> Baht.parse("amountRequested", amount)).as(amount)
				.isInstanceOf(InvalidAgencyData.class)
				.hasMessageStartingWith("amountRequested: must be a positive amount in baht with at most 15 digits before the point");
		}
	}

	@Test
	void refusesAHugeExponentAtOnceInsteadOfBuildingItsDigits() {
		long started = System.nanoTime();
		for (int i = 0; i < 1000; i++) {
			assertThatThrownBy(() -> Baht.check("amountRequested", new BigDecimal("1e10000000"))).isInstanceOf(InvalidAgencyData.class);
			assertThatThrownBy(() -> Baht.check("amountRequested", new BigDecimal("1e" + Integer.MAX_VALUE)))
				.isInstanceOf(InvalidAgencyData.class);
		}
		// The old code took about 35 s for one; a thousand of each now take well under a second.
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
	}

}
