package th.or.dga.budgetbot.notice;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import th.or.dga.budgetbot.notice.NoticeProgress.Failure;
import th.or.dga.budgetbot.notice.NoticeProgress.Skipped;
import th.or.dga.budgetbot.store.JsonValues;

/**
 * Notices in Redis, the truth about every notice whatever the app does: {@code notice:<id>}
 * (what was asked, JSON), {@code notice:<id>:state} (status and counts, a hash changed only by
 * atomic steps), {@code notice:<id>:batch:<n>} (recipients, retry key, state),
 * {@code notice:<id>:ledger} (user id to what became of the notice for them),
 * {@code notice:<id>:failures}, the index {@code notices} by creation time and
 * {@code notices:scheduled} by start time.
 */
class Notices {

	static final String INDEX = "notices";

	static final String SCHEDULED = "notices:scheduled";

	static final int MAX_FAILURES_KEPT = 200;

	/**
	 * Creates a notice unless its idempotency key or its id is known already; returns the id of
	 * the notice that holds them, and whether it is new. ARGV: id, notice JSON, status, startAt
	 * (ms), deferred, recipients, createdAt (ms), idempotency TTL (s), request hash.
	 */
	private static final RedisScript<List> CREATE = RedisScript.of("""
			if KEYS[1] ~= '' then
			  local known = redis.call('HGET', KEYS[1], 'id')
			  if known then return {known, '0', redis.call('HGET', KEYS[1], 'request')} end
			end
			if redis.call('EXISTS', KEYS[2]) == 1 then return {ARGV[1], '0', ''} end
			redis.call('SET', KEYS[2], ARGV[2])
			redis.call('HSET', KEYS[3], 'status', ARGV[3], 'startAt', ARGV[4], 'deferred', ARGV[5], 'recipients', ARGV[6],
			  'batches', '0', 'done', '0', 'sent', '0', 'failed', '0', 'optedOut', '0', 'unfollowed', '0', 'retries', '0')
			redis.call('ZADD', KEYS[4], ARGV[7], ARGV[1])
			if ARGV[3] == 'SCHEDULED' then redis.call('ZADD', KEYS[5], ARGV[4], ARGV[1]) end
			if KEYS[1] ~= '' then
			  redis.call('HSET', KEYS[1], 'id', ARGV[1], 'request', ARGV[9])
			  redis.call('EXPIRE', KEYS[1], ARGV[8])
			end
			return {ARGV[1], '1', ARGV[9]}
			""", List.class);

	/**
	 * Moves a notice from one of the given statuses to another, with more fields, keeping the
	 * scheduled index in step. ARGV: to, startAt (ms, used when entering SCHEDULED), id, then
	 * field/value pairs; the allowed statuses are the trailing ARGV after a '|' marker.
	 */
	private static final RedisScript<Long> TRANSITION = RedisScript.of("""
			local status = redis.call('HGET', KEYS[1], 'status')
			if not status then return -1 end
			local sep = 0
			for i = 4, #ARGV do if ARGV[i] == '|' then sep = i end end
			local allowed = false
			for i = sep + 1, #ARGV do if ARGV[i] == status then allowed = true end end
			if not allowed then return 0 end
			redis.call('HSET', KEYS[1], 'status', ARGV[1])
			for i = 4, sep - 1, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
			if ARGV[1] == 'SCHEDULED' then
			  redis.call('HSET', KEYS[1], 'startAt', ARGV[2])
			  redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
			else
			  redis.call('ZREM', KEYS[2], ARGV[3])
			end
			return 1
			""", Long.class);

	/**
	 * Records the outcome of one batch once (a batch sent twice by two instances counts once),
	 * and finishes the notice with its last batch. KEYS: batch, state, ledger, failures. ARGV:
	 * SENT or FAILED, now (ISO), status code, request id, failure JSON, retention (s), now (ms).
	 * Returns 0 if the batch was already recorded, 1 if recorded, 2 if that finished the notice.
	 */
	private static final RedisScript<Long> COMPLETE_BATCH = RedisScript.of("""
			if redis.call('HGET', KEYS[1], 'state') ~= 'PENDING' then return 0 end
			redis.call('HSET', KEYS[1], 'state', ARGV[1], 'status', ARGV[3], 'requestId', ARGV[4])
			local count = tonumber(redis.call('HGET', KEYS[1], 'count'))
			local to = cjson.decode(redis.call('HGET', KEYS[1], 'to'))
			local entry = cjson.encode({status = ARGV[1], at = ARGV[2]})
			for i = 1, #to do redis.call('HSET', KEYS[3], to[i], entry) end
			if ARGV[1] == 'SENT' then
			  redis.call('HINCRBY', KEYS[2], 'sent', count)
			else
			  redis.call('HINCRBY', KEYS[2], 'failed', count)
			  if redis.call('LLEN', KEYS[4]) < 200 then redis.call('RPUSH', KEYS[4], ARGV[5]) end
			end
			redis.call('EXPIRE', KEYS[1], ARGV[6])
			local done = redis.call('HINCRBY', KEYS[2], 'done', 1)
			if done < tonumber(redis.call('HGET', KEYS[2], 'batches')) then return 1 end
			local sent = tonumber(redis.call('HGET', KEYS[2], 'sent'))
			local failed = tonumber(redis.call('HGET', KEYS[2], 'failed'))
			local final = 'DONE'
			if sent == 0 and failed > 0 then final = 'FAILED' end
			redis.call('HSET', KEYS[2], 'status', final, 'finishedAt', ARGV[2])
			if redis.call('EXISTS', KEYS[3]) == 1 then redis.call('EXPIRE', KEYS[3], ARGV[6]) end
			return 2
			""", Long.class);

	private final StringRedisTemplate redis;

	private final JsonValues<Notice> notices;

	private final JsonValues<Failure> failures;

	private final ObjectMapper json;

	private final Map<LineEndpoint, Counter> sentTo = new EnumMap<>(LineEndpoint.class);

	private final Map<LineEndpoint, Counter> failedFor = new EnumMap<>(LineEndpoint.class);

	Notices(StringRedisTemplate redis, ObjectMapper json, MeterRegistry meters) {
		this.redis = redis;
		this.json = json;
		// Counted here, where a batch's outcome is recorded once however often it was sent, and
		// registered at 0 so that a rate over them starts with the first notice.
		for (LineEndpoint endpoint : LineEndpoint.values()) {
			String tag = endpoint.name().toLowerCase(java.util.Locale.ROOT);
			sentTo.put(endpoint, Counter.builder("bot.notices.sent")
				.description("Recipients of notice batches LINE took (a broadcast counts the followers it was estimated to reach)")
				.tag("endpoint", tag)
				.register(meters));
			failedFor.put(endpoint, Counter.builder("bot.notices.failed")
				.description("Recipients of notice batches that failed for good")
				.tag("endpoint", tag)
				.register(meters));
		}
		this.notices = new JsonValues<>(json, new TypeReference<Notice>() {
		}, "notice");
		this.failures = new JsonValues<>(json, new TypeReference<Failure>() {
		}, "notice failure");
	}

	/** The outcome of a create: the notice that holds the id or idempotency key, and whether it is new. */
	record Created(String id, boolean isNew, String requestHash) {
	}

	/**
	 * @param idempotencyKey the hashed key, or null (alerts are made idempotent by their id)
	 */
	Created create(Notice notice, NoticeStatus status, Instant startAt, boolean deferred, long recipients,
			String idempotencyKey, Duration idempotencyRetention, String requestHash) {
		List<?> result = redis.execute(CREATE,
				List.of(idempotencyKey == null ? "" : "notice:idempotency:" + idempotencyKey, key(notice.id()),
						state(notice.id()), INDEX, SCHEDULED),
				notice.id(), notices.write(notice), status.name(), String.valueOf(startAt.toEpochMilli()),
				String.valueOf(deferred), String.valueOf(recipients), String.valueOf(notice.createdAt().toEpochMilli()),
				String.valueOf(idempotencyRetention.toSeconds()), requestHash == null ? "" : requestHash);
		return new Created(String.valueOf(result.get(0)), "1".equals(String.valueOf(result.get(1))),
				String.valueOf(result.get(2)));
	}

	/** The notice an idempotency key (hashed) was used for, while it is remembered. */
	Optional<Created> idempotent(String keyHash) {
		Map<Object, Object> known = redis.opsForHash().entries("notice:idempotency:" + keyHash);
		if (known.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new Created(String.valueOf(known.get("id")), false, String.valueOf(known.get("request"))));
	}

	Optional<Notice> find(String id) {
		return Optional.ofNullable(redis.opsForValue().get(key(id))).map(notices::read);
	}

	Optional<NoticeProgress> progress(String id) {
		Map<Object, Object> s = redis.opsForHash().entries(state(id));
		if (s.isEmpty()) {
			return Optional.empty();
		}
		List<String> raw = redis.opsForList().range(failuresKey(id), 0, MAX_FAILURES_KEPT);
		List<Failure> failed = raw == null ? List.of() : raw.stream().map(failures::read).toList();
		return Optional.of(new NoticeProgress(NoticeStatus.valueOf(text(s, "status")), millis(s, "startAt"),
				Boolean.parseBoolean(text(s, "deferred")), number(s, "recipients"), number(s, "batches"), number(s, "sent"),
				number(s, "failed"), new Skipped(number(s, "optedOut"), number(s, "unfollowed")), number(s, "retries"),
				instant(s, "startedAt"), instant(s, "finishedAt"), text(s, "approvedBy"), instant(s, "approvedAt"),
				text(s, "cancelledBy"), instant(s, "cancelledAt"), failed));
	}

	/** Moves a notice on if it is in one of {@code from}; false if it was not. */
	boolean transition(String id, Set<NoticeStatus> from, NoticeStatus to, Instant startAt, Map<String, String> fields) {
		List<String> args = new ArrayList<>(List.of(to.name(), String.valueOf(startAt == null ? 0 : startAt.toEpochMilli()), id));
		fields.forEach((k, v) -> {
			args.add(k);
			args.add(v);
		});
		args.add("|");
		from.forEach(s -> args.add(s.name()));
		Long result = redis.execute(TRANSITION, List.of(state(id), SCHEDULED), args.toArray());
		return result != null && result == 1;
	}

	/** A batch as it is written when the notice starts. */
	record Batch(int number, LineEndpoint endpoint, List<String> recipients, long count, String retryKey) {
	}

	/** The endpoint a batch goes to (kept apart from the LINE client's own enum, which is the channel's). */
	enum LineEndpoint {
		PUSH, MULTICAST, BROADCAST
	}

	/** What a user was left out for, in the ledger. */
	enum Skip {
		SKIPPED_OPTED_OUT, SKIPPED_UNFOLLOWED
	}

	/**
	 * Starts a scheduled notice: writes its batches, the skipped users' ledger entries and the
	 * outbox entries, and moves it to SENDING, all in one transaction, and only if it is still
	 * SCHEDULED (another instance may have started it). Returns false if it was not.
	 */
	boolean start(String id, List<Batch> batches, Map<String, Skip> skipped, long recipients, long optedOut,
			long unfollowed, Instant now, String outbox) {
		List<Object> result = redis.execute(new SessionCallback<>() {
			@Override
			@SuppressWarnings({ "unchecked", "rawtypes" })
			public List<Object> execute(RedisOperations operations) throws DataAccessException {
				operations.watch(state(id));
				Object status = operations.opsForHash().get(state(id), "status");
				if (!NoticeStatus.SCHEDULED.name().equals(status)) {
					operations.unwatch();
					return null;
				}
				operations.multi();
				for (Batch batch : batches) {
					operations.opsForHash().putAll(batchKey(id, batch.number()), Map.of("endpoint", batch.endpoint().name(), "to",
							write(batch.recipients()), "count", String.valueOf(batch.count()), "key", batch.retryKey(), "state",
							"PENDING"));
				}
				Map<String, String> ledger = new HashMap<>();
				String at = now.toString();
				skipped.forEach((user, skip) -> ledger.put(user, write(Map.of("status", skip.name(), "at", at))));
				if (!ledger.isEmpty()) {
					operations.opsForHash().putAll(ledgerKey(id), ledger);
				}
				operations.opsForHash().putAll(state(id), Map.of("status", NoticeStatus.SENDING.name(), "batches",
						String.valueOf(batches.size()), "recipients", String.valueOf(recipients), "optedOut",
						String.valueOf(optedOut), "unfollowed", String.valueOf(unfollowed), "startedAt", at));
				operations.opsForZSet().remove(SCHEDULED, id);
				for (Batch batch : batches) {
					operations.opsForStream().add(outbox, Map.of("notice", id, "batch", String.valueOf(batch.number())));
				}
				return operations.exec();
			}
		});
		return result != null && !result.isEmpty();
	}

	/** Finishes a notice that resolved to nobody: nothing to send. */
	boolean finishEmpty(String id, long optedOut, long unfollowed, Map<String, Skip> skipped, Instant now) {
		Map<String, String> fields = new HashMap<>(Map.of("optedOut", String.valueOf(optedOut), "unfollowed",
				String.valueOf(unfollowed), "recipients", "0", "startedAt", now.toString(), "finishedAt", now.toString()));
		if (!transition(id, Set.of(NoticeStatus.SCHEDULED), NoticeStatus.DONE, null, fields)) {
			return false;
		}
		Map<String, String> ledger = new HashMap<>();
		skipped.forEach((user, skip) -> ledger.put(user, write(Map.of("status", skip.name(), "at", now.toString()))));
		if (!ledger.isEmpty()) {
			redis.opsForHash().putAll(ledgerKey(id), ledger);
		}
		return true;
	}

	/** A batch as the sender reads it back. */
	record StoredBatch(String notice, int number, LineEndpoint endpoint, List<String> recipients, long count, String retryKey,
			String state) {
	}

	Optional<StoredBatch> batch(String id, int number) {
		Map<Object, Object> b = redis.opsForHash().entries(batchKey(id, number));
		if (b.isEmpty()) {
			return Optional.empty();
		}
		List<String> to = read(text(b, "to"));
		return Optional.of(new StoredBatch(id, number, LineEndpoint.valueOf(text(b, "endpoint")), to, number(b, "count"),
				text(b, "key"), text(b, "state")));
	}

	/** Records a batch's outcome; see {@link #COMPLETE_BATCH}. */
	long complete(StoredBatch batch, boolean sent, int status, String requestId, Failure failure, Instant now,
			Duration retention) {
		Long result = redis.execute(COMPLETE_BATCH,
				List.of(batchKey(batch.notice(), batch.number()), state(batch.notice()), ledgerKey(batch.notice()),
						failuresKey(batch.notice())),
				sent ? "SENT" : "FAILED", now.toString(), String.valueOf(status), requestId == null ? "" : requestId,
				failure == null ? "" : failures.write(failure), String.valueOf(retention.toSeconds()),
				String.valueOf(now.toEpochMilli()));
		long recorded = result == null ? 0 : result;
		if (recorded > 0) {
			(sent ? sentTo : failedFor).get(batch.endpoint()).increment(batch.count());
		}
		return recorded;
	}

	/**
	 * Drops the named users from a finished or cancelled notice: from then on only the ledger
	 * (which expires) holds who it went to, and the counts stay.
	 */
	void forgetNamedUsers(String id) {
		find(id).filter(n -> !n.audience().userIds().isEmpty()).ifPresent(n -> {
			Audience audience = new Audience(n.audience().type(), n.audience().codes(), List.of());
			redis.opsForValue()
				.set(key(id), notices.write(new Notice(n.id(), n.author(), n.authorTokenId(), n.createdAt(), audience, n.messages(),
						n.scheduledAt(), n.respectQuietHours(), n.kind())));
		});
	}

	void countRetry(String id) {
		redis.opsForHash().increment(state(id), "retries", 1);
	}

	/** What the ledger says of one user, if anything: status and time, as recorded. */
	Optional<Map<String, String>> ledger(String id, String userId) {
		Object entry = redis.opsForHash().get(ledgerKey(id), userId);
		if (entry == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(json.readValue(entry.toString(), new TypeReference<Map<String, String>>() {
			}));
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException e) {
			return Optional.empty();
		}
	}

	boolean ledgerKept(String id) {
		return Boolean.TRUE.equals(redis.hasKey(ledgerKey(id)));
	}

	/** Ids newest first, created between the two times. */
	List<String> idsNewestFirst(Instant from, Instant to, long offset, long count) {
		var ids = redis.opsForZSet()
			.reverseRangeByScore(INDEX, from == null ? 0 : from.toEpochMilli(), to == null ? Double.MAX_VALUE : to.toEpochMilli(),
					offset, count);
		return ids == null ? List.of() : List.copyOf(ids);
	}

	/** Scheduled notices by start time, for (re)registering their triggers. */
	Map<String, Instant> scheduled() {
		var entries = redis.opsForZSet().rangeWithScores(SCHEDULED, 0, -1);
		Map<String, Instant> result = new java.util.LinkedHashMap<>();
		if (entries != null) {
			entries.forEach(e -> result.put(e.getValue(), Instant.ofEpochMilli(e.getScore().longValue())));
		}
		return result;
	}

	private String write(Object value) {
		try {
			return json.writeValueAsString(value);
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
	}

	private List<String> read(String value) {
		try {
			return value == null || value.isEmpty() ? List.of() : json.readValue(value, new TypeReference<List<String>>() {
			});
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException e) {
			throw new IllegalStateException("a notice batch's recipients cannot be read", e);
		}
	}

	private static String text(Map<Object, Object> map, String key) {
		Object v = map.get(key);
		return v == null || v.toString().isEmpty() ? null : v.toString();
	}

	private static long number(Map<Object, Object> map, String key) {
		String v = text(map, key);
		return v == null ? 0 : Long.parseLong(v);
	}

	private static Instant instant(Map<Object, Object> map, String key) {
		String v = text(map, key);
		return v == null ? null : Instant.parse(v);
	}

	private static Instant millis(Map<Object, Object> map, String key) {
		long v = number(map, key);
		return v == 0 ? null : Instant.ofEpochMilli(v);
	}

	static String key(String id) {
		return "notice:" + id;
	}

	static String state(String id) {
		return "notice:" + id + ":state";
	}

	static String batchKey(String id, int number) {
		return "notice:" + id + ":batch:" + number;
	}

	static String ledgerKey(String id) {
		return "notice:" + id + ":ledger";
	}

	static String failuresKey(String id) {
		return "notice:" + id + ":failures";
	}

}
