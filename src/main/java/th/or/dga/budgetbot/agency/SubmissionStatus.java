package th.or.dga.budgetbot.agency;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import th.or.dga.budgetbot.language.Language;
import th.or.dga.budgetbot.language.LocalizedText;

/** Where a budget request stands, and where it may go next. */
public enum SubmissionStatus {

	DRAFT("ร่างคำขอ", "Draft"), SUBMITTED("ยื่นคำขอแล้ว", "Submitted"), UNDER_REVIEW("อยู่ระหว่างพิจารณา", "Under review"),
	APPROVED("ผ่านการพิจารณา", "Approved"), ALLOCATED("ได้รับจัดสรรงบประมาณแล้ว", "Allocated"),
	REJECTED("ไม่ผ่านการพิจารณา", "Rejected"), WITHDRAWN("ถอนคำขอแล้ว", "Withdrawn");

	private static final Map<SubmissionStatus, Set<SubmissionStatus>> NEXT = Map.of(DRAFT, EnumSet.of(SUBMITTED, WITHDRAWN),
			SUBMITTED, EnumSet.of(UNDER_REVIEW, REJECTED, WITHDRAWN), UNDER_REVIEW, EnumSet.of(APPROVED, REJECTED, WITHDRAWN),
			APPROVED, EnumSet.of(ALLOCATED), ALLOCATED, EnumSet.noneOf(SubmissionStatus.class), REJECTED,
			EnumSet.noneOf(SubmissionStatus.class), WITHDRAWN, EnumSet.noneOf(SubmissionStatus.class));

	private final LocalizedText label;

	SubmissionStatus(String th, String en) {
		this.label = new LocalizedText(th, en);
	}

	public boolean canMoveTo(SubmissionStatus next) {
		return NEXT.get(this).contains(next);
	}

	public Set<SubmissionStatus> next() {
		return NEXT.get(this);
	}

	public String label(Language language) {
		return label.in(language);
	}

}
