package th.or.dga.budgetbot.notice;

import java.time.Clock;

import io.github.bucket4j.distributed.proxy.ProxyManager;

import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;

import th.or.dga.budgetbot.agency.AgencyDirectory;
import th.or.dga.budgetbot.hashing.UserIdHashes;
import th.or.dga.budgetbot.line.Followers;
import th.or.dga.budgetbot.line.LineMessaging;
import th.or.dga.budgetbot.store.RateLimitConfiguration;

@Configuration(proxyBeanMethods = false)
class NoticeConfiguration {

	@Bean
	Notices notices(StringRedisTemplate redis, ObjectMapper json) {
		return new Notices(redis, json);
	}

	@Bean
	OptOuts optOuts(StringRedisTemplate redis, UserIdHashes hashes) {
		return new OptOuts(redis, hashes);
	}

	@Bean
	Audiences audiences(AgencyDirectory agencies, Followers followers, OptOuts optOuts) {
		return new Audiences(agencies, followers, optOuts);
	}

	@Bean
	SendRates sendRates(@Qualifier(RateLimitConfiguration.WALL_CLOCK) ProxyManager<String> proxies,
			NoticesProperties properties) {
		return new SendRates(proxies, properties.rates());
	}

	@Bean
	NoticeDispatch noticeDispatch(Notices notices, Audiences audiences, Clock clock) {
		return new NoticeDispatch(notices, audiences, clock);
	}

	@Bean
	NoticeSchedule noticeSchedule(Scheduler scheduler, Notices notices, Clock clock, NoticesProperties properties) {
		return new NoticeSchedule(scheduler, notices, clock, properties.reclaimEvery());
	}

	@Bean
	NoticeSender noticeSender(StringRedisTemplate redis, Notices notices, LineMessaging line, NoticesProperties properties,
			@Value("${app.line.instance-id}") String instanceId, Clock clock, ObjectMapper json) {
		return new NoticeSender(redis, notices, line, properties, instanceId, clock, json);
	}

	@Bean
	NoticeManagement noticeManagement(Notices notices, Audiences audiences, NoticeDispatch dispatch, NoticeSchedule schedule,
			LineMessaging line, NoticesProperties properties, Clock clock, ObjectMapper json) {
		return new NoticeManagement(notices, audiences, dispatch, schedule, line, properties, clock, json);
	}

}
