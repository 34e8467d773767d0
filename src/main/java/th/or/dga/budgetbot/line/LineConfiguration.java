package th.or.dga.budgetbot.line;

import java.net.URI;
import java.util.function.Supplier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.linecorp.bot.parser.LineSignatureValidator;
import com.linecorp.bot.spring.boot.LineBotProperties;

import th.or.dga.budgetbot.conversation.Conversation;

@Configuration(proxyBeanMethods = false)
class LineConfiguration {

	/** Where the bot's own simulator takes the Messaging API calls in local mode. */
	static final String SIMULATED_API_PATH = "/simulator/line-api/";

	@Bean
	WebhookSignature webhookSignature(LineSignatureValidator validator) {
		return new WebhookSignature(validator);
	}

	@Bean
	EventInbox eventInbox(StringRedisTemplate redis, LineProperties properties) {
		return new EventInbox(redis, properties.dedupTtl());
	}

	@Bean
	Followers followers(StringRedisTemplate redis) {
		return new Followers(redis);
	}

	@Bean
	LineReplies lineReplies(LineBotProperties bot, LineProperties properties, ApplicationContext context) {
		Supplier<URI> endpoint = properties.localMode() ? () -> simulatorEndpoint(context) : bot::getApiEndPoint;
		return new LineReplies(endpoint, bot.getChannelToken(), properties.replyTimeout());
	}

	@Bean
	LineMessaging lineMessaging(LineBotProperties bot, LineProperties properties, ApplicationContext context,
			com.fasterxml.jackson.databind.ObjectMapper json) {
		Supplier<URI> endpoint = properties.localMode() ? () -> simulatorEndpoint(context) : bot::getApiEndPoint;
		return new LineMessaging(endpoint, bot.getChannelToken(), properties.replyTimeout(), json);
	}

	private static URI simulatorEndpoint(ApplicationContext context) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return URI.create("http://127.0.0.1:" + port + SIMULATED_API_PATH);
	}

	@Bean
	LineEventHandler lineEventHandler(Conversation conversation, Followers followers, LineReplies replies,
			ApplicationEventPublisher events, ObjectProvider<PostbackAnswers> postbacks) {
		return new LineEventHandler(conversation, followers, replies, events, postbacks.orderedStream().toList());
	}

	@Bean
	InboxWorker inboxWorker(StringRedisTemplate redis, RedisConnectionFactory connectionFactory, LineEventHandler handler,
			LineProperties properties) {
		return new InboxWorker(redis, connectionFactory, handler, properties);
	}

}
