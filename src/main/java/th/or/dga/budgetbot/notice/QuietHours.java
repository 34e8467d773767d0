package th.or.dga.budgetbot.notice;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Hours in which officers are not to be disturbed ({@code 21:00-07:00} in Bangkok by
 * default, crossing midnight or not), or none ({@code off}). A notice that would start inside
 * them waits for their end.
 */
final class QuietHours {

	private final LocalTime from;

	private final LocalTime to;

	private final ZoneId zone;

	private QuietHours(LocalTime from, LocalTime to, ZoneId zone) {
		this.from = from;
		this.to = to;
		this.zone = zone;
	}

	static QuietHours parse(String value, ZoneId zone) {
		String v = value.strip();
		if (v.equalsIgnoreCase("off")) {
			return new QuietHours(null, null, zone);
		}
		String[] parts = v.split("-");
		try {
			if (parts.length == 2) {
				LocalTime from = LocalTime.parse(parts[0].strip());
				LocalTime to = LocalTime.parse(parts[1].strip());
				if (!from.equals(to)) {
					return new QuietHours(from, to, zone);
				}
			}
		}
		catch (DateTimeParseException e) {
			// reported below
		}
		throw new IllegalArgumentException("app.notices.quiet-hours '" + value
				+ "' must be HH:mm-HH:mm with two different times (e.g. 21:00-07:00) or 'off'");
	}

	boolean off() {
		return from == null;
	}

	/** The end of the quiet hours that {@code at} falls in, if it falls in them. */
	Optional<Instant> endIfInside(Instant at) {
		if (off()) {
			return Optional.empty();
		}
		ZonedDateTime local = at.atZone(zone);
		LocalTime time = local.toLocalTime();
		boolean crossesMidnight = from.isAfter(to);
		boolean inside = crossesMidnight ? !time.isBefore(from) || time.isBefore(to) : !time.isBefore(from) && time.isBefore(to);
		if (!inside) {
			return Optional.empty();
		}
		ZonedDateTime end = local.with(to).withSecond(0).withNano(0);
		if (!end.isAfter(local)) {
			end = end.plusDays(1);
		}
		return Optional.of(end.toInstant());
	}

}
