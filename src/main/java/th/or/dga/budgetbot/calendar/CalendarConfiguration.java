package th.or.dga.budgetbot.calendar;

import java.nio.file.Path;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.annotation.Validated;

@Configuration(proxyBeanMethods = false)
class CalendarConfiguration {

	@Bean
	FiscalYearCalendar fiscalYearCalendar(CalendarProperties properties) {
		return FiscalYearCalendar.load(properties.file());
	}

	/** {@code app.calendar.file}: the operator's fiscal-year calendar. */
	@Validated
	@ConfigurationProperties("app.calendar")
	record CalendarProperties(@NotNull Path file) {
	}

}
