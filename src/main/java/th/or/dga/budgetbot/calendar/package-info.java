/**
 * The fiscal-year calendar (ปฏิทินปีงบประมาณ) from operator data: which years accept budget
 * requests, their windows, and Buddhist-era date formatting.
 */
package th.or.dga.budgetbot.calendar;
