/**
 * Hashing with a name for what it is for: SHA-256 of a text, and the keyed hash that stands
 * in for a LINE user id wherever the id itself is not needed (counting, opt-outs, lockouts).
 */
package th.or.dga.budgetbot.hashing;
