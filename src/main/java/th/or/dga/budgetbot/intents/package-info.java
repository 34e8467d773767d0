/**
 * The intent catalog admins edit under {@code intents/}: loading and validating the files,
 * training the classifier from them, and the active catalog and model the bot answers with.
 */
package th.or.dga.budgetbot.intents;
