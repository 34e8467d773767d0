/**
 * The fiscal-year calendar (ปฏิทินปีงบประมาณ): which years accept budget requests, their windows
 * and reminder offsets, live in Redis (seeded from {@code config/fiscal-years.yml}, edited
 * through {@code /api/admin/fiscal-years}, changes announced as {@link FiscalYearChanged}), and
 * Buddhist-era dates.
 */
package th.or.dga.budgetbot.calendar;
