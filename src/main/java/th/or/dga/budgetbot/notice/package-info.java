/**
 * DGA notices: the one way the bot sends anything that is not a reply. Audiences resolved to
 * LINE users, a durable outbox of batches with retry keys, rate-limited delivery shared by all
 * instances, scheduling, quiet hours, approval of the widest sends, and a delivery ledger.
 */
package th.or.dga.budgetbot.notice;
