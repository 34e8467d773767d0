package th.or.dga.budgetbot.calendar;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import th.or.dga.budgetbot.admin.Admins;
import th.or.dga.budgetbot.admin.Problems;
import th.or.dga.budgetbot.calendar.CalendarProblems.FiscalYearNotFound;
import th.or.dga.budgetbot.calendar.CalendarProblems.InvalidFiscalYear;

/** The admin API of the fiscal-year calendar. A change takes effect in the bot's next answer. */
@RestController
@RequestMapping("/api/admin/fiscal-years")
class CalendarAdminController {

	private final CalendarManagement calendar;

	CalendarAdminController(CalendarManagement calendar) {
		this.calendar = calendar;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('read')")
	List<FiscalYearBody> list() {
		return calendar.list();
	}

	@GetMapping("/{year}")
	@PreAuthorize("hasAuthority('read')")
	FiscalYearBody get(@PathVariable int year) {
		return calendar.get(year);
	}

	@PutMapping("/{year}")
	@PreAuthorize("hasAuthority('calendar:write')")
	FiscalYearBody put(@PathVariable int year, @RequestBody FiscalYearBody body) {
		return calendar.put(year, body, Admins.current());
	}

	@ExceptionHandler(InvalidFiscalYear.class)
	ProblemDetail invalid(InvalidFiscalYear e) {
		return Problems.problem(HttpStatus.UNPROCESSABLE_ENTITY, "Fiscal year not accepted", e.getMessage(),
				Map.of("errors", e.errors));
	}

	@ExceptionHandler(FiscalYearNotFound.class)
	ProblemDetail notFound(FiscalYearNotFound e) {
		return Problems.problem(HttpStatus.NOT_FOUND, "Fiscal year not found", e.getMessage());
	}

}
