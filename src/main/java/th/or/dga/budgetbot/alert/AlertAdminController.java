package th.or.dga.budgetbot.alert;

import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import th.or.dga.budgetbot.admin.ListingLimit;

/** The admin API of alerts: the agencies DGA should call, and the reminders that were skipped. */
@RestController
@RequestMapping("/api/admin/alerts")
class AlertAdminController {

	private final AlertAcknowledgement acknowledgement;

	private final ReminderRecords reminders;

	AlertAdminController(AlertAcknowledgement acknowledgement, ReminderRecords reminders) {
		this.acknowledgement = acknowledgement;
		this.reminders = reminders;
	}

	/** Deadline reminders that were not sent, and why, newest first. */
	@GetMapping("/reminders/skipped")
	@PreAuthorize("hasAuthority('read')")
	List<ReminderRecords.Skipped> skippedReminders(@RequestParam(defaultValue = "100") @ListingLimit int limit) {
		return reminders.skipped(limit);
	}

	/** Alerts resent and still not acknowledged, oldest first. */
	@GetMapping("/unacknowledged")
	@PreAuthorize("hasAuthority('read')")
	List<AlertAcknowledgement.Unacknowledged> unacknowledged(@RequestParam(defaultValue = "100") @ListingLimit int limit) {
		return acknowledgement.unacknowledged(limit);
	}

}
