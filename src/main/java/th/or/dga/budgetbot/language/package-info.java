/**
 * The two languages the bot answers in, and text given in both. The reply language follows
 * the user's message.
 */
package th.or.dga.budgetbot.language;
