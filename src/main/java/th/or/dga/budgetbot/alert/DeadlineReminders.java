package th.or.dga.budgetbot.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;

import th.or.dga.budgetbot.agency.Agency;
import th.or.dga.budgetbot.agency.AgencyDirectory;
import th.or.dga.budgetbot.agency.SubmissionStatus;
import th.or.dga.budgetbot.calendar.FiscalYear;
import th.or.dga.budgetbot.calendar.FiscalYearCalendar;
import th.or.dga.budgetbot.calendar.FiscalYearChanged;
import th.or.dga.budgetbot.calendar.FiscalYearState;
import th.or.dga.budgetbot.notice.Audience;
import th.or.dga.budgetbot.notice.NoticeManagement;

/**
 * Deadline reminders (เตือนกำหนดส่งคำขอ): for every OPEN year with its deadline ahead, one trigger
 * per reminder offset, kept in step with the calendar (on each change here, and by a sweep at
 * start and periodically, since the change event does not reach other instances). When one is
 * due it goes, as the notice {@code deadline:<year>:<offset>}, to the linked staff of every
 * agency with no request for the year that was submitted (or went further); the last reminder
 * asks for a รับทราบ. Everything is checked again when it runs, and what is not sent is recorded
 * with the reason.
 */
class DeadlineReminders {

	static final String KIND = "deadline";

	private static final Logger log = LoggerFactory.getLogger(DeadlineReminders.class);

	/**
	 * Requests that count as submitted. A withdrawn request is no request: the agency is still
	 * to submit one.
	 */
	static final Set<SubmissionStatus> SUBMITTED = EnumSet.of(SubmissionStatus.SUBMITTED, SubmissionStatus.UNDER_REVIEW,
			SubmissionStatus.APPROVED, SubmissionStatus.ALLOCATED, SubmissionStatus.REJECTED);

	/** A trigger that fires this much before the clock says the reminder is due is on time (clocks of instances differ a little). */
	private static final Duration EARLY = Duration.ofSeconds(2);

	private final FiscalYearCalendar calendar;

	private final AgencyDirectory agencies;

	private final NoticeManagement notices;

	private final AlertAcknowledgement acknowledgement;

	private final ReminderTriggers triggers;

	private final ReminderRecords records;

	private final AlertsProperties properties;

	private final Clock clock;

	DeadlineReminders(FiscalYearCalendar calendar, AgencyDirectory agencies, NoticeManagement notices,
			AlertAcknowledgement acknowledgement, ReminderTriggers triggers, ReminderRecords records,
			AlertsProperties properties, Clock clock) {
		this.calendar = calendar;
		this.agencies = agencies;
		this.notices = notices;
		this.acknowledgement = acknowledgement;
		this.triggers = triggers;
		this.records = records;
		this.properties = properties;
		this.clock = clock;
	}

	/** What became of a reminder when it was asked to go. */
	enum Outcome {
		SENT, ALREADY_SENT, SKIPPED, NOT_YET
	}

	@EventListener
	void on(FiscalYearChanged change) {
		Instant now = clock.instant();
		Map<Reminder, Instant> wanted = new HashMap<>();
		planned(change.after(), now, wanted, new ArrayList<>());
		syncTriggers(wanted, year -> year == change.year());
	}

	/**
	 * Rebuilds every reminder's trigger from the calendar (moved, added, removed) and deals with
	 * reminders whose time passed without one (the app was down): the latest of a year is sent if
	 * its deadline is still ahead, the others are recorded as superseded; those of a deadline that
	 * has passed are recorded as skipped. At start and every {@code app.alerts.sweep-every}.
	 */
	void sweep() {
		Instant now = clock.instant();
		Map<Reminder, Instant> wanted = new HashMap<>();
		for (FiscalYear year : calendar.years()) {
			List<Reminder> passed = new ArrayList<>();
			planned(year, now, wanted, passed);
			missed(year, passed, now);
		}
		syncTriggers(wanted, year -> true);
	}

	/** Puts the year's reminders still ahead in {@code ahead}, and those whose time has passed in {@code passed}. */
	private void planned(FiscalYear year, Instant now, Map<Reminder, Instant> ahead, List<Reminder> passed) {
		if (year.state() != FiscalYearState.OPEN || year.closes() == null) {
			return;
		}
		for (Duration offset : year.reminders()) {
			Reminder reminder = new Reminder(year.year(), offset);
			Instant due = year.closes().minus(offset);
			if (due.isAfter(now)) {
				ahead.put(reminder, due);
			}
			else if (year.closes().isAfter(now.minus(properties.retention()))) {
				passed.add(reminder);
			}
		}
	}

	private void missed(FiscalYear year, List<Reminder> passed, Instant now) {
		if (passed.isEmpty()) {
			return;
		}
		// The latest is the one with the smallest offset; if it went, the earlier ones are moot.
		Reminder latest = Collections.min(passed, (a, b) -> a.offset().compareTo(b.offset()));
		boolean deadlineAhead = year.closes().isAfter(now);
		for (Reminder reminder : passed) {
			Instant due = year.closes().minus(reminder.offset());
			if (records.sent(reminder) || records.skipped(reminder, due)) {
				continue;
			}
			if (!deadlineAhead) {
				skip(reminder, due, "the deadline " + year.closes() + " passed before the reminder could go (the app was down)");
			}
			else if (reminder.equals(latest)) {
				log.info("Reminder {} was due at {} while no trigger ran: sending it now", reminder.id(), due);
				remind(reminder);
			}
			else {
				skip(reminder, due, "superseded by the later reminder " + latest.offsetText()
						+ ": its time passed while no trigger ran");
			}
		}
	}

	private void syncTriggers(Map<Reminder, Instant> wanted, IntPredicate inScope) {
		Map<Reminder, Instant> existing = triggers.scheduled();
		existing.forEach((reminder, due) -> {
			if (inScope.test(reminder.year()) && !due.equals(wanted.get(reminder))) {
				triggers.unschedule(reminder);
				log.info("Reminder {} unscheduled (was due {}): the calendar changed", reminder.id(), due);
			}
		});
		wanted.forEach((reminder, due) -> {
			if (!due.equals(existing.get(reminder))) {
				triggers.schedule(reminder, due);
				log.info("Reminder {} scheduled for {}", reminder.id(), due);
			}
		});
	}

	/**
	 * Sends the reminder if it is still due now: the year OPEN, the offset among its reminders,
	 * its time come and the deadline ahead; otherwise records why not. Safe to call twice.
	 */
	Outcome remind(Reminder reminder) {
		Instant now = clock.instant();
		Optional<FiscalYear> listed = calendar.listed(reminder.year());
		if (listed.isEmpty()) {
			return skip(reminder, null, "the calendar no longer lists fiscal year " + reminder.year());
		}
		FiscalYear year = listed.get();
		Instant due = year.closes() == null ? null : year.closes().minus(reminder.offset());
		if (year.state() != FiscalYearState.OPEN) {
			return skip(reminder, due, "fiscal year " + reminder.year() + " is " + year.state() + ", not OPEN");
		}
		if (!year.reminders().contains(reminder.offset())) {
			return skip(reminder, due, reminder.offsetText() + " is no longer one of the year's reminders " + year.reminders());
		}
		if (due == null || !year.closes().isAfter(now)) {
			return skip(reminder, due, "the deadline " + year.closes() + " has passed");
		}
		if (due.isAfter(now.plus(EARLY))) {
			// A trigger from before the calendar moved, or one that fired on real time ahead of the app's clock.
			triggers.schedule(reminder, due);
			return Outcome.NOT_YET;
		}
		if (records.sent(reminder)) {
			log.debug("Reminder {} was sent already", reminder.id());
			return Outcome.ALREADY_SENT;
		}
		List<String> audience = notSubmitted(reminder.year());
		if (audience.isEmpty()) {
			return skip(reminder, due, "every agency with linked staff has submitted a request for " + reminder.year());
		}
		send(reminder, year, audience, now);
		return Outcome.SENT;
	}

	private void send(Reminder reminder, FiscalYear year, List<String> audience, Instant now) {
		boolean last = reminder.offset().equals(Collections.min(year.reminders()));
		// Quiet hours are kept unless waiting for their end would only deliver it after the deadline.
		boolean respectQuietHours = properties.respectQuietHours() && notices.startAt(now, true).isBefore(year.closes());
		String text = AlertMessages.deadlineText(year, Duration.between(now, year.closes()), last);
		String token = AlertAcknowledgement.token(reminder.id());
		var submitted = notices.submitAlert(reminder.id(), KIND, Audience.agencies(audience),
				AlertMessages.deadlineReminder(text, last ? token : null), respectQuietHours, null);
		if (last) {
			Instant sentAt = submitted.notice().startAt() != null ? submitted.notice().startAt() : now;
			// The resend has to come while there is still time to act on it.
			Duration within = properties.acknowledgeWithin();
			Duration half = Duration.between(sentAt, year.closes()).dividedBy(2);
			Instant ackDue = sentAt.plus(half.compareTo(within) < 0 && !half.isNegative() ? half : within);
			audience.forEach(agency -> acknowledgement.sentToAgency(agency, reminder.id(), text, sentAt, ackDue));
		}
		records.markSent(reminder, now);
		log.info("Reminder {} {} for {} agencies (quiet hours {})", reminder.id(),
				submitted.created() ? "handed to the notices" : "was a notice already", audience.size(),
				respectQuietHours ? "kept" : "not kept: the deadline comes first");
	}

	/** Agencies with linked staff and no request for the year that was submitted or went further. */
	private List<String> notSubmitted(int year) {
		List<String> codes = new ArrayList<>();
		for (Agency agency : agencies.agencies()) {
			boolean submitted = agencies.submissions(agency.code())
				.stream()
				.anyMatch(s -> s.fiscalYear() == year && SUBMITTED.contains(s.status()));
			if (!submitted && !agencies.staff(agency.code()).isEmpty()) {
				codes.add(agency.code());
			}
		}
		return codes;
	}

	private Outcome skip(Reminder reminder, Instant due, String reason) {
		log.info("Reminder {} skipped: {}", reminder.id(), reason);
		records.skip(reminder, due, reason, clock.instant());
		return Outcome.SKIPPED;
	}

}
