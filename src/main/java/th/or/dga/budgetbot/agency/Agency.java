package th.or.dga.budgetbot.agency;

/**
 * A state agency (หน่วยงานของรัฐ).
 *
 * @param code upper-case code such as DGA or MOF-CGD
 */
public record Agency(String code, String nameTh, String nameEn, String ministry) {
}
