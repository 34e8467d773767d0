package th.or.dga.budgetbot.line;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.linecorp.bot.client.LineMessagingClient;
import com.linecorp.bot.client.exception.LineMessagingException;
import com.linecorp.bot.client.exception.TooManyRequestsException;
import com.linecorp.bot.model.ReplyMessage;
import com.linecorp.bot.model.message.Message;

/**
 * Sends replies through the SDK's client. A reply has no retry key, so it is retried only
 * when LINE refused it for the rate limit (429: nothing was sent); after a 5xx or a timeout
 * LINE may have delivered it, and a second try could reach the user twice.
 */
public class LineReplies {

	private static final Logger log = LoggerFactory.getLogger(LineReplies.class);

	private static final int ATTEMPTS_ON_RATE_LIMIT = 3;

	private final Supplier<URI> endpoint;

	private final String channelToken;

	private final Duration timeout;

	private volatile LineMessagingClient client;

	/**
	 * @param endpoint the Messaging API base URL; resolved on first use, since in local mode
	 *     it is this app's own simulator and its port is known only once the server runs
	 */
	public LineReplies(Supplier<URI> endpoint, String channelToken, Duration timeout) {
		this.endpoint = endpoint;
		this.channelToken = channelToken;
		this.timeout = timeout;
	}

	/** Returns whether LINE accepted the reply. */
	public boolean reply(String replyToken, List<Message> messages) {
		ReplyMessage request = new ReplyMessage(replyToken, messages);
		for (int attempt = 1; attempt <= ATTEMPTS_ON_RATE_LIMIT; attempt++) {
			try {
				client().replyMessage(request).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
				return true;
			}
			catch (ExecutionException e) {
				if (e.getCause() instanceof TooManyRequestsException && attempt < ATTEMPTS_ON_RATE_LIMIT) {
					backOff(attempt);
					continue;
				}
				log.warn("LINE refused a reply: {}", describe(e.getCause()));
				return false;
			}
			catch (TimeoutException e) {
				log.warn("LINE did not answer a reply within {} ms; not retried, as it may have been delivered",
						timeout.toMillis());
				return false;
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return false;
	}

	private static String describe(Throwable cause) {
		if (cause instanceof LineMessagingException line) {
			return line.getClass().getSimpleName() + " " + line.getMessage();
		}
		return String.valueOf(cause);
	}

	private static void backOff(int attempt) {
		try {
			TimeUnit.MILLISECONDS.sleep(200L * attempt * attempt);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private LineMessagingClient client() {
		LineMessagingClient current = client;
		if (current == null) {
			synchronized (this) {
				if (client == null) {
					client = LineMessagingClient.builder(channelToken)
						.apiEndPoint(endpoint.get())
						.connectTimeout(timeout.toMillis())
						.readTimeout(timeout.toMillis())
						.writeTimeout(timeout.toMillis())
						.additionalInterceptors(List.of(new OmitNullFields()))
						.build();
				}
				current = client;
			}
		}
		return current;
	}

}
