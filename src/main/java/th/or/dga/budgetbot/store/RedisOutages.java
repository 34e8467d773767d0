package th.or.dga.budgetbot.store;

import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.data.redis.RedisConnectionFailureException;

/**
 * Tells a Redis that cannot be reached (refused, reset, timed out) from one that answered with
 * an error. The first passes by itself and whatever failed is tried again without counting it
 * against the work; the second (a script error, a wrong type) says the same the next time.
 */
public final class RedisOutages {

	private RedisOutages() {
	}

	public static boolean isOutage(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof RedisConnectionFailureException || t instanceof QueryTimeoutException
					|| t instanceof TransientDataAccessException || t instanceof io.lettuce.core.RedisConnectionException
					|| t instanceof io.lettuce.core.RedisCommandTimeoutException) {
				return true;
			}
			if (t.getCause() == t) {
				break;
			}
		}
		return false;
	}

}
