package th.or.dga.budgetbot.intents;

/** How an intent's answer is made. */
public enum AnswerKind {

	/** A fixed text (Thai and English) resting on the listed facts. */
	STATIC,
	/** Computed from the fiscal-year calendar for the year the user names. */
	FISCAL_YEAR,
	/** A question the facts deliberately do not answer: the text says so and gives the contact. */
	UNKNOWN,
	/** Computed from the budget requests of the asking user's own agency. */
	AGENCY_STATUS,
	/** Stops notices and alerts to the user (หยุดแจ้งเตือน); the text confirms it. */
	ALERTS_OFF,
	/** Starts notices and alerts to the user again (รับแจ้งเตือน); the text confirms it. */
	ALERTS_ON

}
