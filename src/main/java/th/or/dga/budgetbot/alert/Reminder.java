package th.or.dga.budgetbot.alert;

import java.time.Duration;

/**
 * One deadline reminder: a fiscal year's reminder {@code offset} before its {@code closes}.
 *
 * @param year the B.E. year
 */
record Reminder(int year, Duration offset) {

	/** The notice id of the reminder, {@code deadline:2566:P7D}. */
	String id() {
		return DeadlineReminders.KIND + ":" + year + ":" + offsetText();
	}

	/** {@code P7D} as an admin writes it rather than Java's {@code PT168H}; parsed back by {@link Duration#parse}. */
	String offsetText() {
		long seconds = offset.getSeconds();
		if (seconds > 0 && seconds % 86_400 == 0 && offset.getNano() == 0) {
			return "P" + seconds / 86_400 + "D";
		}
		return offset.toString();
	}

	/** {@code 2566:P7D}, the name of its Redis records and trigger. */
	String name() {
		return year + ":" + offsetText();
	}

}
