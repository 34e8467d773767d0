package th.or.dga.budgetbot.alert;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The admin API of alerts: the agencies DGA should call, and the reminders that were skipped. */
@RestController
@RequestMapping("/api/admin/alerts")
class AlertAdminController {

	private static final int MAX_LIMIT = 500;

	private final AlertAcknowledgement acknowledgement;

	private final ReminderRecords reminders;

	AlertAdminController(AlertAcknowledgement acknowledgement, ReminderRecords reminders) {
		this.acknowledgement = acknowledgement;
		this.reminders = reminders;
	}

	/** Deadline reminders that were not sent, and why, newest first. */
	@GetMapping("/reminders/skipped")
	@PreAuthorize("hasAuthority('read')")
	List<ReminderRecords.Skipped> skippedReminders(@RequestParam(defaultValue = "100") int limit) {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new InvalidLimit(limit);
		}
		return reminders.skipped(limit);
	}

	/** Alerts resent and still not acknowledged, oldest first. */
	@GetMapping("/unacknowledged")
	@PreAuthorize("hasAuthority('read')")
	List<AlertAcknowledgement.Unacknowledged> unacknowledged(@RequestParam(defaultValue = "100") int limit) {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new InvalidLimit(limit);
		}
		return acknowledgement.unacknowledged(limit);
	}

	@ExceptionHandler(InvalidLimit.class)
	ProblemDetail invalidLimit(InvalidLimit e) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
		problem.setTitle("Invalid limit");
		return problem;
	}

	/** A page size out of range. */
	static class InvalidLimit extends RuntimeException {

		InvalidLimit(int limit) {
			super("limit: 1 to " + MAX_LIMIT + ", not " + limit);
		}

	}

}
