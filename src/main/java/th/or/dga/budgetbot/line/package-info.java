/**
 * LINE webhook intake (signature check, dedup by webhookEventId, a Redis-stream inbox that
 * answers LINE at once and works off the request thread), event handling, reply building
 * and the Messaging API client adapter.
 */
package th.or.dga.budgetbot.line;
