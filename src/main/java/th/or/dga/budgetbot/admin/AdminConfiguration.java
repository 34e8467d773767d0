package th.or.dga.budgetbot.admin;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The admin tokens and the audit trail, as {@code app.admin} sets them. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdminProperties.class)
class AdminConfiguration {

	/** Set by the line feature when the bot runs with the built-in simulator instead of LINE. */
	static final String LOCAL_MODE = "app.line.local-mode";

	@Bean
	AdminTokens adminTokens(StringRedisTemplate redis, ObjectMapper json, Clock clock, AdminProperties properties,
			Environment environment) {
		boolean localMode = environment.getProperty(LOCAL_MODE, Boolean.class, false);
		return new AdminTokens(redis, json, clock, BootstrapToken.checked(properties.bootstrapToken(), localMode));
	}

	/** After the security filters: a request without a valid token is refused before its body is read. */
	@Bean
	org.springframework.boot.web.servlet.FilterRegistrationBean<AdminBodyLimit> adminBodyLimit(AdminProperties properties,
			ObjectMapper json) {
		var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(
				new AdminBodyLimit(properties.maxBodySize().toBytes(), json));
		registration.addUrlPatterns("/api/admin/*");
		registration.setOrder(org.springframework.core.Ordered.LOWEST_PRECEDENCE);
		return registration;
	}

	@Bean
	AuditTrail auditTrail(StringRedisTemplate redis, ObjectMapper json, Clock clock, AdminProperties properties) {
		return new AuditTrail(redis, json, clock, properties.auditMaxEntries());
	}

}
