package bench.minimalbot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import com.linecorp.bot.model.event.Event;
import com.linecorp.bot.model.event.MessageEvent;
import com.linecorp.bot.model.event.message.TextMessageContent;
import com.linecorp.bot.model.message.TextMessage;
import com.linecorp.bot.spring.boot.annotation.EventMapping;
import com.linecorp.bot.spring.boot.annotation.LineMessageHandler;

/**
 * Replies to a text message with its text, through the SDK's own path: its controller at
 * {@code /callback}, its signature interceptor, its dispatcher, and the reply sent from the
 * handler's return value. Nothing is stored and nothing is understood.
 */
@SpringBootApplication
@LineMessageHandler
public class EchoBot {

	public static void main(String[] args) {
		SpringApplication.run(EchoBot.class, args);
	}

	@EventMapping
	public TextMessage echo(MessageEvent<TextMessageContent> event) {
		return new TextMessage(event.getMessage().getText());
	}

	/** Without a catch-all the SDK logs an UnsupportedOperationException for every other event. */
	@EventMapping
	public void ignore(Event event) {
	}

}
