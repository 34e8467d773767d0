package th.or.dga.budgetbot.calendar;

import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;

import th.or.dga.budgetbot.admin.AdminToken;
import th.or.dga.budgetbot.admin.AuditTrail;
import th.or.dga.budgetbot.calendar.CalendarProblems.FiscalYearNotFound;

/**
 * Admins' edits of the calendar: checked before anything is stored, audited with the year
 * before and after, and announced as {@link FiscalYearChanged} for the reminder schedule.
 */
class CalendarManagement {

	private final RedisFiscalYears years;

	private final FiscalYearRules rules;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	CalendarManagement(RedisFiscalYears years, FiscalYearRules rules, AuditTrail audit, ApplicationEventPublisher events) {
		this.years = years;
		this.rules = rules;
		this.audit = audit;
		this.events = events;
	}

	List<FiscalYearBody> list() {
		return years.all().stream().map(FiscalYearBody::of).toList();
	}

	FiscalYearBody get(int year) {
		return years.listed(year).map(FiscalYearBody::of).orElseThrow(() -> new FiscalYearNotFound(year));
	}

	/** Replaces the year; a body that breaks a rule throws before anything changes. */
	FiscalYearBody put(int year, FiscalYearBody body, AdminToken admin) {
		FiscalYear after = rules.check(year, body);
		Optional<FiscalYear> before = years.replace(after);
		FiscalYearBody written = FiscalYearBody.of(after);
		audit.record(admin, "calendar.update", "fiscal-year/" + year, before.map(FiscalYearBody::of).orElse(null), written);
		if (!before.equals(Optional.of(after))) {
			events.publishEvent(new FiscalYearChanged(year, before.orElse(null), after));
		}
		return written;
	}

}
