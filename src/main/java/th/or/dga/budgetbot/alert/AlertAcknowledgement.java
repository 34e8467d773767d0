package th.or.dga.budgetbot.alert;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import th.or.dga.budgetbot.agency.Agency;
import th.or.dga.budgetbot.agency.AgencyDirectory;
import th.or.dga.budgetbot.hashing.Sha256;
import th.or.dga.budgetbot.hashing.UserIdHashes;
import th.or.dga.budgetbot.line.PostbackAnswers;
import th.or.dga.budgetbot.notice.Audience;
import th.or.dga.budgetbot.notice.NoticeManagement;

/**
 * An agency's รับทราบ (acknowledgement) of an alert: one tap by any of its staff counts for the
 * agency (who, as a keyed hash, and when). An alert nobody acknowledged within
 * {@code app.alerts.acknowledge-within} is sent once more (the notice {@code <id>:reminder}) and
 * from then on listed as unacknowledged until someone does. The resend is found by a periodic
 * sweep against the application clock rather than a trigger per alert: the alert's due time is
 * already in Redis, a sweep needs no trigger rebuilt after a crash, and a day's deadline does not
 * need a trigger's precision.
 */
class AlertAcknowledgement implements PostbackAnswers {

	private static final Logger log = LoggerFactory.getLogger(AlertAcknowledgement.class);

	private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{20}");

	/** Alerts resent per sweep at most; the rest wait for the next one. */
	private static final int RESENDS_PER_SWEEP = 200;

	private final Acknowledgements acknowledgements;

	private final NoticeManagement notices;

	private final AgencyDirectory agencies;

	private final UserIdHashes hashes;

	private final AlertsProperties properties;

	private final Clock clock;

	AlertAcknowledgement(Acknowledgements acknowledgements, NoticeManagement notices, AgencyDirectory agencies,
			UserIdHashes hashes, AlertsProperties properties, Clock clock) {
		this.acknowledgements = acknowledgements;
		this.notices = notices;
		this.agencies = agencies;
		this.hashes = hashes;
		this.properties = properties;
		this.clock = clock;
	}

	/** A short token that stands for the notice in the postback (LINE allows 300 characters). */
	static String token(String noticeId) {
		return Sha256.hex(noticeId).substring(0, 20);
	}

	/** The alert went out (or will, after quiet hours): it waits for an acknowledgement from then on. */
	void sent(String agency, String noticeId, String text, Instant sentAt) {
		acknowledgements.open(token(noticeId), agency, noticeId, text, sentAt, sentAt.plus(properties.acknowledgeWithin()),
				properties.retention().plus(properties.acknowledgeWithin()));
	}

	/**
	 * An alert that went to several agencies in one message (the last deadline reminder): each
	 * agency waits for its own รับทราบ, under a token of the message's token and its code, which
	 * the tap finds from the tapping user's agency.
	 */
	void sentToAgency(String agency, String noticeId, String text, Instant sentAt, Instant dueAt) {
		acknowledgements.open(agencyToken(token(noticeId), agency), agency, noticeId, text, sentAt, dueAt,
				properties.retention().plus(properties.acknowledgeWithin()));
	}

	static String agencyToken(String token, String agency) {
		return Sha256.hex(token + ":" + agency).substring(0, 20);
	}

	@Override
	public Optional<String> answer(String userId, Map<String, String> data) {
		String token = data.get(AlertMessages.ACK);
		if (token == null) {
			return Optional.empty();
		}
		Optional<Agency> own = userId == null ? Optional.empty() : agencies.agencyOf(userId);
		Optional<Acknowledgements.Alert> alert = TOKEN.matcher(token).matches() ? acknowledgements.find(token)
				: Optional.empty();
		if (alert.isEmpty() && own.isPresent() && TOKEN.matcher(token).matches()) {
			token = agencyToken(token, own.get().code());
			alert = acknowledgements.find(token);
		}
		if (alert.isEmpty()) {
			return Optional.of("ไม่พบการแจ้งเตือนนี้แล้ว หากมีข้อสงสัยโปรดติดต่อ สพร.");
		}
		String agency = alert.get().agency();
		if (own.isEmpty() || !own.get().code().equals(agency)) {
			return Optional.of("การแจ้งเตือนนี้สำหรับเจ้าหน้าที่ของหน่วยงาน " + agency + " ที่เชื่อมบัญชีไว้เท่านั้น");
		}
		long outcome = acknowledgements.acknowledge(token, clock.instant(), hashes.hash(userId));
		if (outcome == 1) {
			log.info("Agency {} acknowledged alert {}", agency, alert.get().notice());
			return Optional.of("บันทึกแล้ว: หน่วยงาน " + agency + " รับทราบการแจ้งเตือนนี้ ขอบคุณค่ะ");
		}
		return Optional.of("หน่วยงาน " + agency + " รับทราบการแจ้งเตือนนี้ไว้แล้ว ขอบคุณค่ะ");
	}

	/** Sends once more every alert whose time to acknowledge has passed, and lists it. */
	void resendOverdue() {
		Instant now = clock.instant();
		for (String token : acknowledgements.due(now, RESENDS_PER_SWEEP)) {
			Optional<Acknowledgements.Alert> found = acknowledgements.find(token);
			if (found.isEmpty() || found.get().acknowledgedAt() != null) {
				acknowledgements.drop(token);
				continue;
			}
			Acknowledgements.Alert alert = found.get();
			// The reminder first: its id makes it once however often this runs, and a crash before
			// the mark below only means the next sweep finds it sent already.
			// An alert to one agency is resent as <id>:reminder; one that went to several (the last
			// deadline reminder), per agency, and at once: it is due halfway to the deadline at the
			// latest, and waiting for quiet hours to end would mostly take it past the deadline.
			boolean perAgency = !token.equals(token(alert.notice()));
			String id = alert.notice() + ":reminder" + (perAgency ? ":" + alert.agency() : "");
			notices.submitAlert(id, perAgency ? DeadlineReminders.KIND : AllocationAlerts.KIND, Audience.agencies(List.of(alert.agency())),
					AlertMessages.withAcknowledgement(AlertMessages.reminderText(alert.text()), token),
					properties.respectQuietHours() && !perAgency, null);
			if (acknowledgements.resent(alert, now)) {
				log.info("Alert {} was not acknowledged by agency {} in time: resent and listed", alert.notice(), alert.agency());
			}
		}
	}

	/** An agency that has not acknowledged an alert, even after its resend. */
	record Unacknowledged(String agency, String noticeId, Instant sentAt, Instant resentAt) {
	}

	List<Unacknowledged> unacknowledged(int limit) {
		return acknowledgements.unacknowledged(limit)
			.stream()
			.map(a -> new Unacknowledged(a.agency(), a.notice(), a.sentAt(), a.resentAt()))
			.toList();
	}

}
