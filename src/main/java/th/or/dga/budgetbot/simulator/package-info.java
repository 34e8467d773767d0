/**
 * Local mode's LINE simulator: chat with the bot with no LINE channel. A message goes through
 * the real webhook path (signed, queued, classified, answered) and the Messaging API calls
 * the bot makes are taken by a stand-in of LINE's API in this same app. On only in local mode
 * (the 'local' profile), which listens on 127.0.0.1 by default: it takes any userId.
 */
package th.or.dga.budgetbot.simulator;
