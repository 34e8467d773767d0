package th.or.dga.budgetbot.admin;

import java.io.IOException;
import java.util.List;

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

/** Authenticates {@code Authorization: Bearer <token>} against the admin tokens; a wrong one is 401. */
class BearerTokenFilter extends OncePerRequestFilter {

	private final AdminTokens tokens;

	private final AuthenticationEntryPoint entryPoint;

	BearerTokenFilter(AdminTokens tokens, AuthenticationEntryPoint entryPoint) {
		this.tokens = tokens;
		this.entryPoint = entryPoint;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader("Authorization");
		if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			chain.doFilter(request, response);
			return;
		}
		var token = tokens.authenticate(header.substring(7).strip());
		if (token.isEmpty()) {
			SecurityContextHolder.clearContext();
			entryPoint.commence(request, response, new BadCredentialsException("unknown or revoked admin token"));
			return;
		}
		List<SimpleGrantedAuthority> authorities = token.get().roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList();
		var authentication = new UsernamePasswordAuthenticationToken(token.get(), null, authorities);
		SecurityContextHolder.getContext().setAuthentication(authentication);
		chain.doFilter(request, response);
	}

}
