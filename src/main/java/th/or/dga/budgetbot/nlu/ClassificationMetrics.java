package th.or.dga.budgetbot.nlu;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What the classifier does with the users' messages, as metrics: how long classifying a message
 * takes ({@code bot.nlu.classification}), how sure it was ({@code bot.nlu.confidence}, the best
 * intent's score) and how often the message got the fallback answer, by the gate that refused
 * it ({@code bot.nlu.fallbacks}, tag {@code reason}). Only users' messages count: the catalog's
 * evaluation classifies thousands of test questions and must not show up here. Buckets are set
 * in application.yml ({@code management.metrics.distribution.slo}).
 */
public final class ClassificationMetrics {

	private final MeterRegistry registry;

	private final Timer classification;

	private final DistributionSummary confidence;

	private final Map<Refusal, Counter> fallbacks = new EnumMap<>(Refusal.class);

	public ClassificationMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.classification = Timer.builder("bot.nlu.classification")
			.description("Time to classify a user's message (normalise, segment, score every intent)")
			.register(registry);
		this.confidence = DistributionSummary.builder("bot.nlu.confidence")
			.description("Score of the best intent for a user's message, 0 to 1")
			.register(registry);
		// Every reason from the start, at 0: a rate over a counter that appears only later is lost.
		for (Refusal reason : Refusal.values()) {
			fallbacks.put(reason, Counter.builder("bot.nlu.fallbacks")
				.description("User messages answered with the fallback (not understood), by the gate that refused them")
				.tag("reason", reason.reason())
				.register(registry));
		}
	}

	/** Classifies a message (one or more model calls), timed, its confidence recorded. */
	public Classification classify(Supplier<Classification> classifying) {
		Timer.Sample sample = Timer.start(registry);
		Classification result = classifying.get();
		sample.stop(classification);
		confidence.record(result.confidence());
		return result;
	}

	public void fellBack(Refusal reason) {
		fallbacks.get(reason).increment();
	}

}
