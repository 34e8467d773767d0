/**
 * Redis connection plumbing only: in local mode and tests with no Redis configured, a real
 * Redis server started on a free loopback port. Each feature owns its own keys.
 */
package th.or.dga.budgetbot.store;
