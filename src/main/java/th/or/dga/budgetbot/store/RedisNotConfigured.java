package th.or.dga.budgetbot.store;

/** The start was refused: no Redis given, and outside local mode no embedded one is started. */
class RedisNotConfigured extends RuntimeException {

	RedisNotConfigured() {
		super("No Redis is configured (SPRING_DATA_REDIS_URL is not set), and outside local mode the bot does not start "
				+ "an embedded one: its inbox and data would be lost at every restart and not shared between instances.");
	}

}
