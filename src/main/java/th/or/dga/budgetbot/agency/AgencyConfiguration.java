package th.or.dga.budgetbot.agency;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;
import org.yaml.snakeyaml.Yaml;

import com.fasterxml.jackson.databind.ObjectMapper;

import th.or.dga.budgetbot.hashing.UserIdHashes;

@Configuration(proxyBeanMethods = false)
class AgencyConfiguration {

	private static final Logger log = LoggerFactory.getLogger(AgencyConfiguration.class);

	@Bean
	RedisAgencies redisAgencies(StringRedisTemplate redis, ObjectMapper json) {
		return new RedisAgencies(redis, json);
	}

	@Bean
	RedisSubmissions redisSubmissions(StringRedisTemplate redis, ObjectMapper json) {
		return new RedisSubmissions(redis, json);
	}

	@Bean
	SubmissionManagement submissionManagement(RedisAgencies agencies, RedisSubmissions submissions,
			ApplicationEventPublisher events, Clock clock) {
		return new SubmissionManagement(agencies, submissions, events, clock);
	}

	@Bean
	StaffLinking staffLinking(StringRedisTemplate redis, RedisAgencies agencies, Clock clock, AgencyProperties properties,
			UserIdHashes hashes) {
		return new StaffLinking(redis, agencies, clock, properties.linkCodeValidity(), hashes);
	}

	@Bean
	AgencyDirectory agencyDirectory(RedisAgencies agencies, RedisSubmissions submissions, StaffLinking linking) {
		return new AgencyRecords(agencies, submissions, linking);
	}

	/**
	 * Adds the agencies of the seed file that Redis does not have yet (admins manage the rest
	 * through the API, and their changes are never overwritten); in local mode also the demo
	 * requests, so the simulator has something to show.
	 */
	@Bean
	ApplicationRunner agencySeed(AgencyProperties properties, RedisAgencies agencies, SubmissionManagement management,
			RedisSubmissions submissions, org.springframework.core.env.Environment environment) {
		return args -> {
			if (properties.seedFile() == null || !Files.isRegularFile(properties.seedFile())) {
				return;
			}
			Map<?, ?> root;
			try (Reader reader = Files.newBufferedReader(properties.seedFile(), StandardCharsets.UTF_8)) {
				root = new Yaml().load(reader);
			}
			List<?> seed = root != null && root.get("agencies") instanceof List<?> list ? list : List.of();
			int added = 0;
			for (Object entry : seed) {
				Map<?, ?> a = (Map<?, ?>) entry;
				String code = SubmissionManagement.normalizeCode(String.valueOf(a.get("code")));
				if (agencies.find(code).isEmpty()) {
					agencies.save(new Agency(code, String.valueOf(a.get("nameTh")), String.valueOf(a.get("nameEn")),
							a.get("ministry") == null ? null : String.valueOf(a.get("ministry"))));
					added++;
				}
			}
			if (environment.getProperty("app.line.local-mode", Boolean.class, false) && properties.demoSubmissions() != null
					&& Files.isRegularFile(properties.demoSubmissions())) {
				seedDemo(properties.demoSubmissions(), properties.importMaxRows(), management, submissions);
			}
			log.info("Agency seed: {} of {} agencies added from {}", added, seed.size(), properties.seedFile());
		};
	}

	private static void seedDemo(Path file, int maxRows, SubmissionManagement management, RedisSubmissions submissions)
			throws IOException {
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			List<SubmissionManagement.Change> changes = SubmissionCsv.read(reader, maxRows)
				.stream()
				.map(SubmissionCsv.Row::change)
				.filter(c -> submissions.find(SubmissionManagement.normalizeCode(c.agency()),
						SubmissionManagement.normalizeRequestId(c.requestId())).isEmpty())
				.toList();
			if (!changes.isEmpty()) {
				management.apply(changes, "local demo seed");
			}
		}
	}

	/**
	 * {@code app.agency}.
	 *
	 * @param linkCodeValidity how long a link code can be used
	 * @param seedFile agencies added at start when missing
	 * @param demoSubmissions requests added in local mode, for the simulator
	 * @param importMaxSize the largest CSV an admin may import, as text/csv or as a multipart
	 *     file (keep spring.servlet.multipart.max-file-size the same)
	 * @param importMaxRows the most rows a CSV import may have
	 */
	@Validated
	@ConfigurationProperties("app.agency")
	record AgencyProperties(@NotNull Duration linkCodeValidity, Path seedFile, Path demoSubmissions,
			@NotNull DataSize importMaxSize, @Min(1) @Max(1_000_000) int importMaxRows) {

		AgencyProperties {
			if (importMaxSize != null && (importMaxSize.toBytes() < 1 || importMaxSize.toMegabytes() > 100)) {
				throw new IllegalArgumentException("app.agency.import-max-size must be between 1B and 100MB, not " + importMaxSize);
			}
		}

	}

	@Bean
	AgencyMentions agencyMentions(RedisAgencies agencies) {
		return new AgencyMentions(agencies);
	}


}
