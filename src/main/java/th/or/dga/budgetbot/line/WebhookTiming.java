package th.or.dga.budgetbot.line;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@code bot.webhook.ack}: how long the webhook takes to answer LINE, from the first filter to
 * the last byte, whatever the answer (tag {@code status}), as LINE counts more than 2 s as a
 * failure. A histogram, so that p50 and p99 can be read off it.
 */
final class WebhookTiming extends OncePerRequestFilter {

	private final MeterRegistry meters;

	WebhookTiming(MeterRegistry meters) {
		this.meters = meters;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Timer.Sample sample = Timer.start(meters);
		try {
			chain.doFilter(request, response);
		}
		finally {
			sample.stop(Timer.builder("bot.webhook.ack")
				.tag("status", Integer.toString(response.getStatus()))
				.publishPercentileHistogram()
				.register(meters));
		}
	}

}
