package th.or.dga.budgetbot.agency;

import java.time.Clock;
import java.time.Duration;

import org.springframework.data.redis.core.StringRedisTemplate;

import com.fasterxml.jackson.databind.json.JsonMapper;

import th.or.dga.budgetbot.hashing.UserIdHashes;

/**
 * The agency feature wired by hand on a real Redis, for the plain tests of other features
 * (conversation), which may not reach the feature's stores themselves.
 */
public final class TestAgencies {

	private TestAgencies() {
	}

	/** The feature's parts, as the application wires them. */
	public record Parts(StaffLinking linking, AgencyDirectory directory, AgencyMentions mentions) {
	}

	public static Parts on(StringRedisTemplate redis, Clock clock, UserIdHashes hashes) {
		RedisAgencies agencies = new RedisAgencies(redis, JsonMapper.builder().findAndAddModules().build());
		RedisSubmissions submissions = new RedisSubmissions(redis, JsonMapper.builder().findAndAddModules().build());
		StaffLinking linking = new StaffLinking(redis, agencies, clock, Duration.ofHours(72), hashes);
		return new Parts(linking, new AgencyRecords(agencies, submissions, linking), new AgencyMentions(agencies));
	}

	public static void save(StringRedisTemplate redis, Agency agency) {
		new RedisAgencies(redis, JsonMapper.builder().findAndAddModules().build()).save(agency);
	}

}
