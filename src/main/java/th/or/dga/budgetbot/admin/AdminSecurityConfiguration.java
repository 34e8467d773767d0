package th.or.dga.budgetbot.admin;

import java.net.URI;
import java.time.Clock;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
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
 * The admin API and the actuator's Prometheus scrape take bearer tokens only (stateless, no
 * cookies, so no CSRF), and lock out a client address that keeps sending wrong ones; the
 * webhook, the simulator, health, info and the API description stay open, the webhook being
 * guarded by its signature instead.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class AdminSecurityConfiguration {

	/** The admin API's paths, here and wherever the admin API answers differently. */
	static final String ADMIN_API = "/api/admin/";

	private static final String ACTUATOR = "/actuator/**";

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
		Answers answers = new Answers(json);
		return stateless(http.securityMatcher(ADMIN_API + "**"))
			.addFilterBefore(new BearerTokenFilter(tokens, failures, answers.unauthorized, answers.lockedOut),
					AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests(a -> a.anyRequest().authenticated())
			.exceptionHandling(e -> e.authenticationEntryPoint(answers.unauthorized).accessDeniedHandler(answers.forbidden))
			.build();
	}

	/**
	 * Health and info are open (status only: details need the role metrics); the Prometheus
	 * scrape needs an admin token with the role metrics, since metrics tell how busy the bot is
	 * and which notices go out; every other endpoint, exposed later by mistake or not, is refused.
	 * Matched by the endpoints' paths and by {@code /actuator/**} alike, so that nothing under it
	 * falls through to the open chain below.
	 */
	@Bean
	@Order(2)
	SecurityFilterChain actuator(HttpSecurity http, AdminTokens tokens, AuthenticationFailures failures, ObjectMapper json)
			throws Exception {
		Answers answers = new Answers(json);
		return stateless(http.securityMatchers(m -> m.requestMatchers(EndpointRequest.toAnyEndpoint()).requestMatchers(ACTUATOR)))
			.addFilterBefore(new BearerTokenFilter(tokens, failures, answers.unauthorized, answers.lockedOut, false),
					AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests(a -> a.requestMatchers(EndpointRequest.to("health", "info"))
				.permitAll()
				.requestMatchers(EndpointRequest.to("prometheus"))
				.hasAuthority(Role.METRICS.authority())
				.anyRequest()
				.denyAll())
			.exceptionHandling(e -> e.authenticationEntryPoint(answers.unauthorized).accessDeniedHandler(answers.forbidden))
			.build();
	}

	@Bean
	@Order(3)
	SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
		return http.csrf(csrf -> csrf.disable())
			.httpBasic(basic -> basic.disable())
			.formLogin(form -> form.disable())
			.authorizeHttpRequests(a -> a.anyRequest().permitAll())
			.build();
	}

	/** Bearer tokens only: no session, no cookies (so no CSRF), no basic or form login. */
	private static HttpSecurity stateless(HttpSecurity http) throws Exception {
		return http.csrf(csrf -> csrf.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.httpBasic(basic -> basic.disable())
			.formLogin(form -> form.disable());
	}

	/** The problem details the token-guarded chains answer with. */
	private static final class Answers {

		final AuthenticationEntryPoint unauthorized;

		final AccessDeniedHandler forbidden;

		final BearerTokenFilter.LockedOut lockedOut;

		Answers(ObjectMapper json) {
			this.unauthorized = (request, response, e) -> problem(response, json,
					Problems.problem(HttpStatus.UNAUTHORIZED, "Admin token required",
							"send 'Authorization: Bearer <token>' with a valid, unrevoked admin token"));
			this.forbidden = (request, response, e) -> problem(response, json, Problems.problem(HttpStatus.FORBIDDEN,
					"Role missing", "this admin token does not have the role this request needs"));
			this.lockedOut = (request, response, retryAfterSeconds) -> {
				response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
				problem(response, json, Problems.problem(HttpStatus.TOO_MANY_REQUESTS, "Too many failed authentications",
						"too many wrong admin tokens from this address; every admin request from it is refused for "
								+ retryAfterSeconds + " s more"));
			};
		}

	}

	private static void problem(HttpServletResponse response, ObjectMapper json, ProblemDetail problem) throws java.io.IOException {
		problem.setType(URI.create("about:blank"));
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		json.writeValue(response.getOutputStream(), problem);
	}

}
