/**
 * Quartz jobs (deadline, allocation) that hand off to notice/: an alert is a notice whose id is
 * derived from what it is about, so a job that runs twice, or on two nodes, sends once. Also the
 * agencies' acknowledgement (รับทราบ) of an alert, its one resend, and the list of those who never did.
 */
package th.or.dga.budgetbot.alert;
