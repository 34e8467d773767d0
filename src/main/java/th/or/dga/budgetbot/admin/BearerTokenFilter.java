package th.or.dga.budgetbot.admin;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>} against the admin tokens; a wrong one is
 * 401 and counts against the client's address, and a locked-out address gets 429 with
 * {@code Retry-After} for any request. The address is the connection's
 * ({@code getRemoteAddr()}); behind a reverse proxy it is the client's only when the operator
 * sets {@code server.forward-headers-strategy}, so that a client cannot pick its own address
 * with {@code X-Forwarded-For}.
 */
class BearerTokenFilter extends OncePerRequestFilter {

	/** Writes the answer to a locked-out address. */
	@FunctionalInterface
	interface LockedOut {

		void respond(HttpServletRequest request, HttpServletResponse response, long retryAfterSeconds) throws IOException;

	}

	private final AdminTokens tokens;

	private final AuthenticationFailures failures;

	private final AuthenticationEntryPoint entryPoint;

	private final LockedOut lockedOut;

	private final boolean lockOutTokenless;

	BearerTokenFilter(AdminTokens tokens, AuthenticationFailures failures, AuthenticationEntryPoint entryPoint, LockedOut lockedOut) {
		this(tokens, failures, entryPoint, lockedOut, true);
	}

	/**
	 * @param lockOutTokenless whether a request without a token from a locked-out address is
	 *     refused too; false where tokenless requests are answered anyway (health), so that a
	 *     guesser sharing an address with a load balancer's probes cannot take the instance out
	 */
	BearerTokenFilter(AdminTokens tokens, AuthenticationFailures failures, AuthenticationEntryPoint entryPoint, LockedOut lockedOut,
			boolean lockOutTokenless) {
		this.tokens = tokens;
		this.failures = failures;
		this.entryPoint = entryPoint;
		this.lockedOut = lockedOut;
		this.lockOutTokenless = lockOutTokenless;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String address = request.getRemoteAddr();
		String header = request.getHeader("Authorization");
		boolean bearer = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
		if (!bearer && !lockOutTokenless) {
			chain.doFilter(request, response);
			return;
		}
		Optional<Duration> lockout = failures.lockout(address);
		if (lockout.isPresent()) {
			SecurityContextHolder.clearContext();
			lockedOut.respond(request, response, retryAfterSeconds(lockout.get()));
			return;
		}
		if (!bearer) {
			// No token is no guess: the entry point answers 401 without counting it.
			chain.doFilter(request, response);
			return;
		}
		var token = tokens.authenticate(header.substring(7).strip());
		if (token.isEmpty()) {
			failures.failed(address);
			SecurityContextHolder.clearContext();
			entryPoint.commence(request, response, new BadCredentialsException("unknown or revoked admin token"));
			return;
		}
		List<SimpleGrantedAuthority> authorities = token.get().roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList();
		var authentication = new UsernamePasswordAuthenticationToken(token.get(), null, authorities);
		SecurityContextHolder.getContext().setAuthentication(authentication);
		chain.doFilter(request, response);
	}

	/** Whole seconds, rounded up, at least one: a client that waits that long is let in. */
	static long retryAfterSeconds(Duration left) {
		long seconds = left.toSeconds() + (left.toNanosPart() > 0 ? 1 : 0);
		return Math.max(1, seconds);
	}

}
