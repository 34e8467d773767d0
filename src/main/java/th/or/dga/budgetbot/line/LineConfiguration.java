package th.or.dga.budgetbot.line;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.bot.parser.LineSignatureValidator;
import com.linecorp.bot.spring.boot.LineBotProperties;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import th.or.dga.budgetbot.conversation.Conversation;
import th.or.dga.budgetbot.hashing.UserIdHashes;
import th.or.dga.budgetbot.queue.Leases;
import th.or.dga.budgetbot.queue.StreamGroup;

@Configuration(proxyBeanMethods = false)
class LineConfiguration {

	/** Where the bot's own simulator takes the Messaging API calls in local mode. */
	static final String SIMULATED_API_PATH = "/simulator/line-api/";

	@Bean
	WebhookSignature webhookSignature(LineSignatureValidator validator) {
		return new WebhookSignature(validator);
	}

	@Bean
	EventInbox eventInbox(StringRedisTemplate redis, LineProperties properties, Clock clock) {
		return new EventInbox(redis, properties.dedupTtl(), properties.inboxMaxDepth(), clock);
	}

	@Bean
	Followers followers(StringRedisTemplate redis) {
		return new Followers(redis);
	}

	@Bean
	LineMessaging lineMessaging(LineBotProperties bot, LineProperties properties, ApplicationContext context, ObjectMapper json,
			ObjectProvider<LineMessaging.Throttle> throttle, MeterRegistry meters) {
		Supplier<URI> endpoint = properties.localMode() ? () -> simulatorEndpoint(context) : bot::getApiEndPoint;
		return new LineMessaging(endpoint, bot.getChannelToken(), properties.replyTimeout(), json,
				throttle.getIfAvailable(() -> LineMessaging.Throttle.NONE), meters);
	}

	private static URI simulatorEndpoint(ApplicationContext context) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return URI.create("http://127.0.0.1:" + port + SIMULATED_API_PATH);
	}

	@Bean
	LineEventHandler lineEventHandler(Conversation conversation, Followers followers, ApplicationEventPublisher events,
			ObjectProvider<PostbackAnswers> postbacks) {
		return new LineEventHandler(conversation, followers, events, postbacks.orderedStream().toList());
	}

	/**
	 * The partitions' leases, held under a name unique to this process (the instance id and a
	 * random part), so that a restart under the same id never mistakes the old process's leases
	 * for its own.
	 */
	@Bean
	Leases inboxLeases(StringRedisTemplate redis, LineProperties properties) {
		String holder = properties.instanceId() + "/" + UUID.randomUUID().toString().substring(0, 8);
		return new Leases(redis, EventInbox.PREFIX, EventInbox.PARTITIONS, holder, properties.partitionLease());
	}

	/** An attempt's lock outlives the longest attempt: a LINE call's connection and answer time-outs, and some. */
	@Bean
	Deliveries deliveries(StringRedisTemplate redis, Leases inboxLeases, LineProperties properties) {
		return new Deliveries(redis, inboxLeases.holder(), properties.replyTimeout().multipliedBy(2).plusSeconds(5));
	}

	@Bean
	DeadLetters deadLetters(StringRedisTemplate redis, LineProperties properties, MeterRegistry meters) {
		return new DeadLetters(redis, properties.deadLetterCap(), properties.deadLetterRetention(), meters);
	}

	@Bean
	EventAnswering eventAnswering(Deliveries deliveries, DeadLetters deadLetters, LineEventHandler handler, LineMessaging line,
			UserIdHashes hashes, Clock clock, LineProperties properties, MeterRegistry meters) {
		return new EventAnswering(deliveries, deadLetters, handler, line, hashes, clock, properties, meters);
	}

	@Bean
	InboxDispatcher inboxDispatcher(EventInbox inbox, StringRedisTemplate redis, Leases inboxLeases, EventAnswering answering,
			LineProperties properties, Clock clock) {
		return new InboxDispatcher(inbox, new StreamGroup(redis, EventInbox.GROUP), inboxLeases,
				new LegacyInbox(redis, inbox, clock), answering, properties.workers(),
				properties.replyTimeout().multipliedBy(2).plus(Duration.ofSeconds(1)));
	}

	/** The {@code inbox} health component. */
	@Bean
	HealthIndicator inboxHealthIndicator(InboxDispatcher dispatcher) {
		return new InboxHealth(dispatcher);
	}

	/** The inbox's gauges, read from what the dispatcher last saw: a scrape never waits for Redis. */
	@Bean
	MeterBinder inboxGauges(InboxDispatcher dispatcher) {
		return registry -> {
			Gauge.builder("bot.inbox.depth", dispatcher, d -> d.snapshot() == null ? Double.NaN : d.snapshot().waiting())
				.description("events accepted and not yet finished")
				.register(registry);
			Gauge.builder("bot.inbox.oldest.age", dispatcher,
					d -> d.snapshot() == null ? Double.NaN : d.snapshot().oldestAge().toMillis() / 1000.0)
				.description("how long the oldest unfinished event has waited")
				.baseUnit("seconds")
				.register(registry);
			Gauge.builder("bot.inbox.dead.letters", dispatcher,
					d -> d.snapshot() == null ? Double.NaN : d.snapshot().deadLetters())
				.description("events that could not be answered, kept for inspection")
				.register(registry);
		};
	}

	@Bean
	FilterRegistrationBean<WebhookTiming> webhookTiming(MeterRegistry meters,
			@Value("${line.bot.handler.path:/callback}") String path) {
		FilterRegistrationBean<WebhookTiming> registration = new FilterRegistrationBean<>(new WebhookTiming(meters));
		registration.addUrlPatterns(path);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
