package th.or.dga.budgetbot.observability;

import java.io.IOException;
import java.util.UUID;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every HTTP request an id, in the MDC for its log lines and in the {@value #HEADER}
 * answer header, so that a caller's report ("my request failed, id ...") finds its lines. An
 * incoming {@value #HEADER} is kept when it is short and plain, so a proxy's or a client's id
 * carries through; anything else (too long, other characters) is replaced by a new UUID rather
 * than logged.
 */
class RequestIds extends OncePerRequestFilter {

	static final String HEADER = "X-Request-Id";

	private static final String ATTRIBUTE = RequestIds.class.getName();

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String id = (String) request.getAttribute(ATTRIBUTE);
		if (id == null) {
			String incoming = request.getHeader(HEADER);
			id = Correlation.isSafe(incoming) ? incoming : UUID.randomUUID().toString();
			request.setAttribute(ATTRIBUTE, id);
			// Set before the chain runs: a 401 from security or a 413 is answered with it too.
			response.setHeader(HEADER, id);
		}
		try (Correlation.Scope scope = Correlation.request(id)) {
			chain.doFilter(request, response);
		}
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		// The error page renders the same request: its log lines keep the request's id.
		return false;
	}

}
