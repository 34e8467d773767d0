package th.or.dga.budgetbot.calendar;

import java.nio.file.Path;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.validation.annotation.Validated;

import th.or.dga.budgetbot.admin.AuditTrail;

@Configuration(proxyBeanMethods = false)
class CalendarConfiguration {

	@Bean
	FiscalYearRules fiscalYearRules(CalendarProperties properties) {
		return new FiscalYearRules(properties.maxReminders(), properties.maxTextLength());
	}

	/** Read, and checked, at start: a wrong file stops the start rather than half-seeding Redis. */
	@Bean
	CalendarFile calendarFile(CalendarProperties properties, FiscalYearRules rules) {
		return CalendarFile.load(properties.file(), rules);
	}

	@Bean
	RedisFiscalYears fiscalYearCalendar(StringRedisTemplate redis, CalendarFile file) {
		return new RedisFiscalYears(redis, file.currentYear());
	}

	/** Years the file has and Redis does not; a year an admin has edited is left as it is. */
	@Bean
	ApplicationRunner fiscalYearSeed(RedisFiscalYears years, CalendarFile file) {
		return args -> file.years().forEach(years::seed);
	}

	@Bean
	CalendarManagement calendarManagement(RedisFiscalYears years, FiscalYearRules rules, AuditTrail audit,
			ApplicationEventPublisher events) {
		return new CalendarManagement(years, rules, audit, events);
	}

	/**
	 * {@code app.calendar}: the operator's fiscal-year calendar, which seeds Redis, and the limits
	 * on what an admin may put in a year.
	 */
	@Validated
	@ConfigurationProperties("app.calendar")
	record CalendarProperties(@NotNull Path file, @DefaultValue("10") @Min(1) @Max(100) int maxReminders,
			@DefaultValue("500") @Min(20) @Max(4000) int maxTextLength) {
	}

}
