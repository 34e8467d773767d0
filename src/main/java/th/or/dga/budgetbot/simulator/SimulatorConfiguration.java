package th.or.dga.budgetbot.simulator;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("app.line.local-mode")
class SimulatorConfiguration {

	@Bean
	SimulatedExchanges simulatedExchanges() {
		return new SimulatedExchanges();
	}

	@Bean
	SimulatedPushes simulatedPushes() {
		return new SimulatedPushes();
	}

}
