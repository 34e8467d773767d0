package th.or.dga.budgetbot.admin;

import java.net.URI;
import java.time.Clock;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The admin API takes bearer tokens only (stateless, no cookies, so no CSRF); the webhook,
 * the simulator, health and the API description stay open, the webhook being guarded by its
 * signature instead.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class AdminSecurityConfiguration {

	@Bean
	AdminTokens adminTokens(StringRedisTemplate redis, ObjectMapper json, Clock clock,
			@Value("${ADMIN_TOKEN:${app.admin.bootstrap-token:}}") String bootstrapToken) {
		return new AdminTokens(redis, json, clock, bootstrapToken);
	}

	@Bean
	AuditTrail auditTrail(StringRedisTemplate redis, ObjectMapper json, Clock clock) {
		return new AuditTrail(redis, json, clock);
	}

	@Bean
	@Order(1)
	SecurityFilterChain adminApi(HttpSecurity http, AdminTokens tokens, ObjectMapper json) throws Exception {
		AuthenticationEntryPoint unauthorized = (request, response, e) -> problem(response, json, HttpStatus.UNAUTHORIZED,
				"Admin token required", "send 'Authorization: Bearer <token>' with a valid, unrevoked admin token");
		AccessDeniedHandler forbidden = (request, response, e) -> problem(response, json, HttpStatus.FORBIDDEN,
				"Role missing", "this admin token does not have the role this request needs");
		return http.securityMatcher("/api/admin/**")
			.csrf(csrf -> csrf.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.httpBasic(basic -> basic.disable())
			.formLogin(form -> form.disable())
			.addFilterBefore(new BearerTokenFilter(tokens, unauthorized), AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests(a -> a.anyRequest().authenticated())
			.exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
			.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
		return http.csrf(csrf -> csrf.disable())
			.httpBasic(basic -> basic.disable())
			.formLogin(form -> form.disable())
			.authorizeHttpRequests(a -> a.anyRequest().permitAll())
			.build();
	}

	private static void problem(HttpServletResponse response, ObjectMapper json, HttpStatus status, String title, String detail)
			throws java.io.IOException {
		ProblemDetail problem = Problems.problem(status, title, detail);
		problem.setType(URI.create("about:blank"));
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		json.writeValue(response.getOutputStream(), problem);
	}

}
