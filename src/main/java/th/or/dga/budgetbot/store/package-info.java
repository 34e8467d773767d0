/**
 * Redis connection plumbing only: in local mode and tests with no Redis configured, a real
 * Redis server started on a free loopback port; the bucket4j proxy manager that keeps
 * features' rate-limit buckets in Redis. Each feature owns its own keys and limits.
 */
package th.or.dga.budgetbot.store;
