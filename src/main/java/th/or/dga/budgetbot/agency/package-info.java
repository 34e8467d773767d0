/**
 * Agencies (หน่วยงาน), the LINE staff linked to them by one-time codes, and their budget
 * requests (คำขอตั้งงบประมาณ) with the legal status transitions. An agency's data is shown only
 * to its own linked staff.
 */
package th.or.dga.budgetbot.agency;
