package th.or.dga.budgetbot.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class CorrelationTest {

	@Test
	void aScopePutsItsKeyAndTakesItOffWhenClosed() {
		try (Correlation.Scope scope = Correlation.webhookEvent("01HZX3T2Q8J5K6M7N8P9R0S1T2")) {
			assertThat(MDC.get("line.webhook_event_id")).isEqualTo("01HZX3T2Q8J5K6M7N8P9R0S1T2");
		}

		assertThat(MDC.get("line.webhook_event_id")).isNull();
	}

	@Test
	void anInnerScopeGivesBackTheOuterValue() {
		try (Correlation.Scope outer = Correlation.notice("notice-a")) {
			try (Correlation.Scope inner = Correlation.notice("notice-b")) {
				assertThat(MDC.get("notice.id")).isEqualTo("notice-b");
			}
			assertThat(MDC.get("notice.id")).isEqualTo("notice-a");
		}
		assertThat(MDC.get("notice.id")).isNull();
	}

	@Test
	void aLongOrStrangeValueIsNotLogged() {
		for (String value : new String[] { "x".repeat(65), "a b", "id\"}", "ผู้ใช้", "", null }) {
			try (Correlation.Scope scope = Correlation.notice(value)) {
				assertThat(MDC.get("notice.id")).as("%s", value).isEqualTo("unreadable");
			}
		}
	}

}
