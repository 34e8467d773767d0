package th.or.dga.budgetbot.notice;

/** Where a notice is in its life. */
public enum NoticeStatus {

	/** Waits for a second admin with {@code notice:approve}. */
	AWAITING_APPROVAL,
	/** Will start at its time (its own, or the end of quiet hours). */
	SCHEDULED,
	/** Its batches are in the outbox. */
	SENDING,
	/** Every batch was sent or failed with LINE's reason; some may have failed. */
	DONE,
	CANCELLED,
	/** Nothing could be sent (every batch failed). */
	FAILED;

	public boolean finished() {
		return this == DONE || this == CANCELLED || this == FAILED;
	}

}
