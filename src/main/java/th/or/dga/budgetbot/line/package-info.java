/**
 * LINE webhook intake (signature check, a strict door, dedup by webhookEventId, a partitioned
 * Redis-stream inbox that answers LINE at once), answering each accepted event exactly once
 * whatever LINE and Redis do (retries, push fallback, dead letters), reply building and the
 * Messaging API client adapter that every LINE call goes through.
 */
package th.or.dga.budgetbot.line;
