package th.or.dga.budgetbot.alert;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;

import th.or.dga.budgetbot.agency.AgencyDirectory;
import th.or.dga.budgetbot.agency.Submission;
import th.or.dga.budgetbot.agency.SubmissionStatus;
import th.or.dga.budgetbot.agency.SubmissionStatusChanged;
import th.or.dga.budgetbot.notice.Audience;
import th.or.dga.budgetbot.notice.NoticeManagement;

/**
 * Tells an agency's linked staff that a request was allocated. Each change is taken in once
 * (its version is the time of the change), waits with the agency's other allocations until
 * {@code app.alerts.allocation-window} after the first, and then all go out as one notice whose
 * id is derived from them: {@code allocation:<agency>:<requestId>:<version>} for one, or
 * {@code allocation:<agency>:<hash of the sorted items>} for several.
 */
class AllocationAlerts {

	static final String KIND = "allocation";

	private static final Logger log = LoggerFactory.getLogger(AllocationAlerts.class);

	private final PendingAllocations pending;

	private final AllocationTriggers triggers;

	private final NoticeManagement notices;

	private final AlertAcknowledgement acknowledgement;

	private final AgencyDirectory agencies;

	private final AlertsProperties properties;

	private final ZoneId zone;

	private final Clock clock;

	AllocationAlerts(PendingAllocations pending, AllocationTriggers triggers, NoticeManagement notices,
			AlertAcknowledgement acknowledgement, AgencyDirectory agencies, AlertsProperties properties, ZoneId zone,
			Clock clock) {
		this.pending = pending;
		this.triggers = triggers;
		this.notices = notices;
		this.acknowledgement = acknowledgement;
		this.agencies = agencies;
		this.properties = properties;
		this.zone = zone;
		this.clock = clock;
	}

	@EventListener
	void on(SubmissionStatusChanged change) {
		if (change.to() != SubmissionStatus.ALLOCATED) {
			return;
		}
		String title = agencies.submission(change.agency(), change.requestId()).map(Submission::title).orElse("");
		PendingAllocation allocation = new PendingAllocation(change.requestId(), change.at().toEpochMilli(), title,
				change.allocatedAmount(), change.at());
		Optional<Instant> windowEnd = pending.add(change.agency(), allocation,
				clock.instant().plus(properties.allocationWindow()), properties.retention());
		windowEnd.ifPresent(end -> triggers.schedule(change.agency(), end));
	}

	/** The agency's window should have closed: send what waits, or wait on if the clock says it has not. */
	void windowClosed(String agency) {
		PendingAllocations.Taken taken = pending.take(agency, clock.instant());
		if (taken instanceof PendingAllocations.NotYet notYet) {
			triggers.schedule(agency, notYet.windowEnd());
		}
		else if (taken instanceof PendingAllocations.Allocations allocations) {
			send(allocations);
		}
		else {
			log.debug("Nothing waits for agency {}: another instance sent it", agency);
		}
	}

	/**
	 * At start and then periodically: a trigger for every open window that has none here (its
	 * instance died), and a notice for every set taken but not yet sent (the same).
	 */
	void sweep() {
		try {
			for (Map.Entry<String, Instant> window : pending.windows().entrySet()) {
				if (!triggers.scheduled(window.getKey())) {
					triggers.schedule(window.getKey(), window.getValue());
				}
			}
		}
		catch (SchedulerException e) {
			log.warn("Could not register the allocation windows' triggers: {}", e.toString());
		}
		pending.taken().forEach(this::send);
	}

	private void send(PendingAllocations.Allocations allocations) {
		String agency = allocations.name().substring(0, allocations.name().indexOf(':'));
		String id = KIND + ":" + allocations.name();
		String text = AlertMessages.allocationText(allocations.allocations(), zone);
		if (agencies.agency(agency).isEmpty()) {
			// Removed meanwhile: there is nobody to tell, and retrying will not change that.
			log.warn("Allocation alert {} not sent: agency {} no longer exists", id, agency);
		}
		else {
			var submitted = notices.submitAlert(id, KIND, Audience.agencies(List.of(agency)),
					AlertMessages.withAcknowledgement(text, AlertAcknowledgement.token(id)), properties.respectQuietHours(), null);
			Instant sentAt = submitted.notice().startAt() != null ? submitted.notice().startAt() : clock.instant();
			acknowledgement.sent(agency, id, text, sentAt);
		}
		pending.handedOff(allocations.name());
	}

}
