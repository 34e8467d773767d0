/**
 * Durable work queues on Redis streams, shared by the LINE inbox and the notice outbox: a
 * consumer loop that outlives any Redis outage, reading its own unfinished entries before new
 * ones, taking over the entries of instances that are gone, and leases that give one instance
 * at a time a part of the work.
 */
package th.or.dga.budgetbot.queue;
