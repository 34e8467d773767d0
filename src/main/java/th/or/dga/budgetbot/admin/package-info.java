/**
 * The admin API's edge: bearer tokens with roles (a bootstrap token from the environment,
 * further tokens stored hashed and revocable), the audit trail of every write, and RFC 9457
 * problem details for every error. Features own their admin endpoints.
 */
package th.or.dga.budgetbot.admin;
