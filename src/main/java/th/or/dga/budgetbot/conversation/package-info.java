/**
 * From a message to an answer: classification, the year and committee guards that keep the
 * bot from answering with a fact about something else, the fallback, follow-up context, and
 * the operator's contact channel and menu.
 */
package th.or.dga.budgetbot.conversation;
