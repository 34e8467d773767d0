package th.or.dga.budgetbot.agency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.json.JsonMapper;

import th.or.dga.budgetbot.store.TestRedis;

class AgencyMentionsTest {

	private final RedisAgencies agencies = new RedisAgencies(TestRedis.template(), JsonMapper.builder().findAndAddModules().build());

	private final AgencyMentions mentions = new AgencyMentions(agencies);

	private final String suffix = UUID.randomUUID().toString().substring(0, 4).toUpperCase().replaceAll("[^A-Z0-9]", "X");

	private final Agency cgd = save("CGD" + suffix, "กรมบัญชีกลางทดสอบ" + suffix, "The Comptroller Test " + suffix);

	private final Agency part = save("CG" + suffix, "กรมบัญชี" + suffix, "Comptroller " + suffix);

	@Test
	void findsAnAgencyByCodeThaiNameOrEnglishName() {
		assertThat(mentions.in("คำขอของ" + cgd.nameTh() + "ถึงไหนแล้ว")).contains(cgd).doesNotContain(part);
		assertThat(mentions.in("status of " + cgd.code().toLowerCase() + "'s request")).contains(cgd);
		assertThat(mentions.in("requests of comptroller test " + suffix.toLowerCase())).contains(cgd);
	}

	@Test
	void doesNotTakeARequestIdOrARecipientForTheAgencyAskedAbout() {
		assertThat(mentions.in("status of " + cgd.code() + "-64-001")).doesNotContain(cgd);
		assertThat(mentions.in("คำขอที่ส่งให้ " + cgd.code() + " ถึงไหนแล้ว")).doesNotContain(cgd);
		assertThat(mentions.in("the request we sent to " + cgd.code())).doesNotContain(cgd);
		assertThat(mentions.in("XX" + cgd.code())).doesNotContain(cgd);
	}

	private Agency save(String code, String th, String en) {
		Agency agency = new Agency(code, th, en, null);
		agencies.save(agency);
		return agency;
	}

}
