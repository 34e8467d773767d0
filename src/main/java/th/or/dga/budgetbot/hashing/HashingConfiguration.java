package th.or.dga.budgetbot.hashing;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class HashingConfiguration {

	/**
	 * The key of user id hashes: {@code APP_PRIVACY_USER_ID_KEY} if set, else the channel
	 * secret (a secret the operator already keeps; changing it makes stored hashes unrecognised,
	 * which only resets counts, lockouts and opt-outs).
	 */
	@Bean
	UserIdHashes userIdHashes(@Value("${app.privacy.user-id-key:${line.bot.channel-secret}}") String key) {
		return UserIdHashes.withKey(key);
	}

}
