package th.or.dga.budgetbot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

import java.time.Clock;
import java.util.List;

import th.or.dga.budgetbot.intents.IntentsCommand;

@SpringBootApplication
@ConfigurationPropertiesScan
public class BudgetBotApplication {

	public static void main(String[] args) {
		if (args.length > 0 && args[0].equals("intents")) {
			System.exit(IntentsCommand.run(List.of(args).subList(1, args.length), System.out, System.err));
		}
		SpringApplication.run(BudgetBotApplication.class, args);
	}

	/** One clock for expiry, history and audit times, so tests can move it. */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
