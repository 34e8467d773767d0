package th.or.dga.budgetbot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class BudgetBotApplication {

	public static void main(String[] args) {
		SpringApplication.run(BudgetBotApplication.class, args);
	}

}
