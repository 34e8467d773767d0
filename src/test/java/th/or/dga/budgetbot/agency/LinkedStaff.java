package th.or.dga.budgetbot.agency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import th.or.dga.budgetbot.admin.AdminApi;

/**
 * Agencies with staff in the running app, for the end-to-end tests of what reaches staff
 * (alerts, reminders, notices): the agency made through the admin API as an admin makes it,
 * the staff linked with real link codes as an officer links.
 */
public final class LinkedStaff {

	private LinkedStaff() {
	}

	/**
	 * Creates the agency (under this ministry, unless null) with a token allowed to, and links
	 * that many new LINE users to it; returns their user ids.
	 */
	public static List<String> agencyWithStaff(AdminApi admin, StaffLinking linking, String code, String ministry, int count)
			throws Exception {
		Map<String, Object> agency = new HashMap<>(Map.of("nameTh", "หน่วยงาน " + code, "nameEn", "Agency " + code));
		if (ministry != null) {
			agency.put("ministry", ministry);
		}
		AdminApi.Response created = admin.put("/api/admin/agencies/" + code, agency);
		assertThat(created.status()).as(created.raw().body()).isIn(200, 201);
		List<String> users = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String user = "U" + UUID.randomUUID().toString().replace("-", "");
			assertThat(linking.link(user, linking.issue(code).code()).outcome().name()).isEqualTo("LINKED");
			users.add(user);
		}
		return users;
	}

}
