package th.or.dga.budgetbot;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The feature packages depend on each other without cycles, as the layout promises. */
class ModularityTests {

	@Test
	void featuresHaveNoCycles() {
		ApplicationModules.of(BudgetBotApplication.class).verify();
	}

}
