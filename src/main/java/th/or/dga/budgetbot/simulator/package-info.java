/**
 * Local mode's LINE simulator: chat with the bot with no LINE channel. A message goes through
 * the real webhook path (signed, queued, classified, answered) and the Messaging API calls
 * the bot makes are taken by a stand-in of LINE's API in this same app. Off when a channel is
 * configured.
 */
package th.or.dga.budgetbot.simulator;
