package th.or.dga.budgetbot.line;

import java.util.Map;
import java.util.Optional;

/**
 * A feature that answers postbacks of its own, named by their data (the alerts' {@code ack=…}),
 * so that the webhook need not know the features that sit on top of it.
 */
public interface PostbackAnswers {

	/**
	 * @param userId who tapped, or null if LINE did not say
	 * @param data the postback data as key/value pairs, keys in lower case
	 * @return the text to reply, or empty if the postback is not this feature's
	 */
	Optional<String> answer(String userId, Map<String, String> data);

}
