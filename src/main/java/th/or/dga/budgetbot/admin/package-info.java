/**
 * The admin API's edge: bearer tokens with roles (a bootstrap token from the environment,
 * further tokens stored hashed and revocable), a lockout of client addresses that guess
 * tokens, the audit trail of every write, and RFC 9457 problem details for every error,
 * bad request bodies named by field. Features own their admin endpoints.
 */
package th.or.dga.budgetbot.admin;
