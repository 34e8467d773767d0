package th.or.dga.budgetbot.admin;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;

/**
 * Failed admin authentications per client address, counted in Redis so that every instance
 * counts together ({@code admin:auth-failures:<address>}). An address that fails
 * {@code app.admin.auth-failures-per-minute} times is locked out until its minute is over.
 *
 * <p>A lockout refuses every admin request from that address, a right token included: if a
 * right token still passed, the answer to each guess (429 or not) would tell the guesser which
 * one is right, and the limit would slow nothing. An admin behind the same address as the
 * guesser waits out the minute.
 */
class AuthenticationFailures {

	private static final Logger log = LoggerFactory.getLogger(AuthenticationFailures.class);

	static final Duration WINDOW = Duration.ofMinutes(1);

	private final ProxyManager<String> buckets;

	private final BucketConfiguration limit;

	private final int perWindow;

	private final AuditTrail audit;

	private final Clock clock;

	AuthenticationFailures(ProxyManager<String> buckets, int perWindow, AuditTrail audit, Clock clock) {
		this.buckets = buckets;
		this.perWindow = perWindow;
		// All at once at the end of the window, not one every six seconds: one lockout, one audit entry.
		this.limit = BucketConfiguration.builder().addLimit(l -> l.capacity(perWindow).refillIntervally(perWindow, WINDOW)).build();
		this.audit = audit;
		this.clock = clock;
	}

	/** How much longer the address is locked out, if it is. */
	Optional<Duration> lockout(String address) {
		if (buckets.getProxyConfiguration(key(address)).isEmpty()) {
			// No recent failure: a read only, where an estimate would write a bucket for every admin request.
			return Optional.empty();
		}
		EstimationProbe probe = bucket(address).estimateAbilityToConsume(1);
		return probe.canBeConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
	}

	/** Counts a wrong token from the address; the failure that uses up the window locks the address out, audited. */
	void failed(String address) {
		ConsumptionProbe probe = bucket(address).tryConsumeAndReturnRemaining(1);
		if (probe.isConsumed() && probe.getRemainingTokens() == 0) {
			Duration left = lockout(address).orElse(Duration.ZERO);
			log.warn("Admin API locked for {} for {} s after {} failed authentications", address, left.toSeconds(), perWindow);
			// The wrong tokens themselves are never recorded: one of them may be a mistyped real one.
			audit.record(AuditTrail.Actor.anonymous(address), "admin.auth.locked-out", "client/" + address, null,
					Map.of("failures", perWindow, "window", WINDOW.toString(), "until", clock.instant().plus(left).toString()));
		}
	}

	private Bucket bucket(String address) {
		return buckets.builder().build(key(address), () -> limit);
	}

	private static String key(String address) {
		return "admin:auth-failures:" + address;
	}

}
