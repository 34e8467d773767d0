/**
 * What operators see of the running bot besides its answers: a request id for every HTTP
 * request and a correlation key for work done off the request thread, both in the log's MDC.
 * The metrics live with the features that count them; their buckets are in application.yml.
 */
package th.or.dga.budgetbot.observability;
