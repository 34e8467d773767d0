package th.or.dga.budgetbot.admin;

import java.net.URI;
import java.time.Clock;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.bucket4j.distributed.proxy.ProxyManager;

/**
 * The admin API takes bearer tokens only (stateless, no cookies, so no CSRF), and locks out a
 * client address that keeps sending wrong ones; the webhook, the simulator, health and the API
 * description stay open, the webhook being guarded by its signature instead.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class AdminSecurityConfiguration {

	/** The admin API's paths, here and wherever the admin API answers differently. */
	static final String ADMIN_API = "/api/admin/";

	@Bean
	AuthenticationFailures adminAuthenticationFailures(ProxyManager<String> rateLimitBuckets, AdminProperties properties,
			AuditTrail audit, Clock clock) {
		return new AuthenticationFailures(rateLimitBuckets, properties.authFailuresPerMinute(), audit, clock);
	}

	/**
	 * No observation of each security filter, authentication and authorization: with them every
	 * request, each webhook included, made a dozen observations, which cost more CPU than the
	 * webhook's own work. Requests are still timed as a whole (http.server.requests).
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	/**
	 * The webhook: stateless, guarded by its signature (checked by the controller), so no
	 * session, security context, request cache, CSRF token or anonymous user to set up for it.
	 */
	@Bean
	@Order(0)
	SecurityFilterChain webhook(HttpSecurity http, @Value("${line.bot.handler.path:/callback}") String path)
			throws Exception {
		return http.securityMatcher(path)
			.csrf(csrf -> csrf.disable())
			.sessionManagement(s -> s.disable())
			.securityContext(c -> c.disable())
			.requestCache(c -> c.disable())
			.anonymous(a -> a.disable())
			.servletApi(s -> s.disable())
			.logout(l -> l.disable())
			.httpBasic(basic -> basic.disable())
			.formLogin(form -> form.disable())
			.authorizeHttpRequests(a -> a.anyRequest().permitAll())
			.build();
	}

	@Bean
	@Order(1)
	SecurityFilterChain adminApi(HttpSecurity http, AdminTokens tokens, AuthenticationFailures failures, ObjectMapper json)
			throws Exception {
		AuthenticationEntryPoint unauthorized = (request, response, e) -> problem(response, json,
				Problems.problem(HttpStatus.UNAUTHORIZED, "Admin token required",
						"send 'Authorization: Bearer <token>' with a valid, unrevoked admin token"));
		AccessDeniedHandler forbidden = (request, response, e) -> problem(response, json, Problems.problem(HttpStatus.FORBIDDEN,
				"Role missing", "this admin token does not have the role this request needs"));
		BearerTokenFilter.LockedOut lockedOut = (request, response, retryAfterSeconds) -> {
			response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
			problem(response, json, Problems.problem(HttpStatus.TOO_MANY_REQUESTS, "Too many failed authentications",
					"too many wrong admin tokens from this address; every admin request from it is refused for "
							+ retryAfterSeconds + " s more"));
		};
		return http.securityMatcher(ADMIN_API + "**")
			.csrf(csrf -> csrf.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.httpBasic(basic -> basic.disable())
			.formLogin(form -> form.disable())
			.addFilterBefore(new BearerTokenFilter(tokens, failures, unauthorized, lockedOut), AnonymousAuthenticationFilter.class)
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

	private static void problem(HttpServletResponse response, ObjectMapper json, ProblemDetail problem) throws java.io.IOException {
		problem.setType(URI.create("about:blank"));
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		json.writeValue(response.getOutputStream(), problem);
	}

}
