package th.or.dga.budgetbot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

@SpringBootApplication
@ConfigurationPropertiesScan
public class BudgetBotApplication {

	public static void main(String[] args) {
		SpringApplication.run(BudgetBotApplication.class, args);
	}

	/** One clock for expiry, history and audit times, so tests can move it. */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
