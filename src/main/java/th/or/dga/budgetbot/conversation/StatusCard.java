package th.or.dga.budgetbot.conversation;

/**
 * One budget request as the officer sees it: texts already in the reply's language.
 *
 * @param status the status in Thai and English, as the card shows both
 * @param allocated the allocated amount, for an allocated request, else null
 * @param programmeNote the fiscal year's state from the calendar (FY2564: closed, in allocation), or null
 */
public record StatusCard(String requestId, String title, String fiscalYear, String amount, String allocated, String status,
		String lastChange, String programmeNote) {
}
