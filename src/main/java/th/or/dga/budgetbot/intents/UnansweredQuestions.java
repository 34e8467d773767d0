package th.or.dga.budgetbot.intents;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;


import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;
import org.springframework.data.redis.core.script.RedisScript;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import th.or.dga.budgetbot.language.UserText;
import th.or.dga.budgetbot.nlu.Classification;
import th.or.dga.budgetbot.nlu.TextAnalyzer;
import th.or.dga.budgetbot.store.JsonValues;
import th.or.dga.budgetbot.hashing.UserIdHashes;

/**
 * Questions the bot fell back on or answered with low confidence, so admins can see what
 * users ask and teach the catalog: "37 people asked X".
 * <p>
 * Users control how much is written here, so everything is bounded: each asker (a keyed hash of
 * the LINE user id, never the id) gets a number of recorded questions per window, the store
 * keeps a maximum number of questions (the oldest go first, counted), and each question expires
 * after the retention (PDPA); an expired or evicted question leaves its group's counts.
 * <p>
 * Questions are grouped when they are recorded, not when they are read: a new question is
 * compared only with the groups whose representative shares a MinHash band with it (locality
 * sensitive hashing on character 3-grams), and joins the most similar one at or above
 * {@link #SAME_GROUP}, else starts a group. Each group keeps its own counts, so the listing
 * reads the groups with the most questions and never the questions themselves.
 * <p>
 * Redis ({@code intents:unanswered:}): {@code entries} (question ids by time asked),
 * {@code entry:<id>} (the question, JSON), {@code groups} (group ids by count),
 * {@code representatives} and {@code last} (per group id), {@code group:<id>:members|askers|questions|guesses},
 * {@code band:<n>} (group ids by band hash), {@code asked:<asker>:<window>} and {@code evicted}.
 * The scripts change a question and its group's counts in one step, so that instances
 * recording and expiring at once never count a question twice.
 */
public class UnansweredQuestions {

	private static final Logger log = LoggerFactory.getLogger(UnansweredQuestions.class);

	private static final String PREFIX = "intents:unanswered:";

	private static final String ENTRIES = PREFIX + "entries";

	private static final String GROUPS = PREFIX + "groups";

	private static final String REPRESENTATIVES = PREFIX + "representatives";

	private static final String LAST = PREFIX + "last";

	private static final String EVICTED = PREFIX + "evicted";

	static final int MAX_TEXT = 500;

	/** Character 3-gram Jaccard similarity to a group's first question at which a question joins it. */
	static final double SAME_GROUP = 0.4;

	/**
	 * 10 bands of 2 MinHashes: two questions become candidates with probability 1-(1-J²)^10,
	 * 0.81 at J = 0.4 and 0.97 at J = 0.6, while few unrelated ones are compared.
	 */
	private static final int BANDS = 10;

	private static final int ROWS = 2;

	/** Groups kept per band hash: a common hash would otherwise make every question compare with thousands. */
	private static final int BUCKET_SIZE = 32;

	/** Expired questions removed per recorded question and per listing: the work stays small and spread out. */
	private static final int SWEEP_ON_RECORD = 100;

	private static final int SWEEP_ON_READ = 10_000;

	private static final int FORGET_BATCH = 1_000;

	private static final long[] SEEDS = new SplittableRandom(0x5EEDL).longs(BANDS * ROWS).toArray();

	/**
	 * Stores a question and counts it in its group, creating the group if ARGV[8] is 'new'.
	 * Keys of both scripts: 1 entries, 2 entry, 3 representatives, 4 last, 5 groups, 6-9 the
	 * group's members, askers, questions, guesses, 10.. bands. ARGV: 1 id, 2 group, 3 asker,
	 * 4 text, 5 best guess, 6 time, 7 JSON, 8 'new' or 'join', 9 tokens, 10 bucket size, 11.. band hashes.
	 */
	private static final RedisScript<Long> ADD = RedisScript.of("""
			if ARGV[8] == 'new' then
			  if redis.call('HEXISTS', KEYS[3], ARGV[2]) == 1 then return 0 end
			  redis.call('HSET', KEYS[3], ARGV[2], ARGV[9])
			  redis.call('HSET', KEYS[4], ARGV[2], ARGV[6])
			  for i = 10, #KEYS do
			    local hash = ARGV[i + 1]
			    if redis.call('ZCOUNT', KEYS[i], hash, hash) < tonumber(ARGV[10]) then
			      redis.call('ZADD', KEYS[i], hash, ARGV[2])
			    end
			  end
			elseif redis.call('HEXISTS', KEYS[3], ARGV[2]) == 0 then
			  return 0
			end
			redis.call('SET', KEYS[2], ARGV[7])
			redis.call('ZADD', KEYS[1], ARGV[6], ARGV[1])
			redis.call('ZADD', KEYS[6], ARGV[6], ARGV[1])
			redis.call('HINCRBY', KEYS[7], ARGV[3], 1)
			redis.call('ZINCRBY', KEYS[8], 1, ARGV[4])
			if ARGV[5] ~= '' then redis.call('HINCRBY', KEYS[9], ARGV[5], 1) end
			redis.call('ZINCRBY', KEYS[5], 1, ARGV[2])
			if tonumber(ARGV[6]) > tonumber(redis.call('HGET', KEYS[4], ARGV[2]) or '0') then
			  redis.call('HSET', KEYS[4], ARGV[2], ARGV[6])
			end
			return redis.call('ZCARD', KEYS[1])
			""", Long.class);

	private static final RedisScript<Long> REMOVE = RedisScript.of("""
			if redis.call('ZREM', KEYS[1], ARGV[1]) == 0 then return 0 end
			redis.call('DEL', KEYS[2])
			if redis.call('ZREM', KEYS[6], ARGV[1]) == 0 then return 1 end
			if redis.call('HINCRBY', KEYS[7], ARGV[3], -1) <= 0 then redis.call('HDEL', KEYS[7], ARGV[3]) end
			if tonumber(redis.call('ZINCRBY', KEYS[8], -1, ARGV[4])) <= 0 then redis.call('ZREM', KEYS[8], ARGV[4]) end
			if ARGV[5] ~= '' and redis.call('HINCRBY', KEYS[9], ARGV[5], -1) <= 0 then redis.call('HDEL', KEYS[9], ARGV[5]) end
			if redis.call('ZCARD', KEYS[6]) > 0 then
			  redis.call('ZINCRBY', KEYS[5], -1, ARGV[2])
			  return 1
			end
			redis.call('DEL', KEYS[6], KEYS[7], KEYS[8], KEYS[9])
			redis.call('ZREM', KEYS[5], ARGV[2])
			redis.call('HDEL', KEYS[3], ARGV[2])
			redis.call('HDEL', KEYS[4], ARGV[2])
			for i = 10, #KEYS do redis.call('ZREM', KEYS[i], ARGV[2]) end
			return 1
			""", Long.class);

	/** The group ids in the question's bucket of each band (KEYS: the bands; ARGV: bucket size, the band hashes). */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static final RedisScript<List<String>> CANDIDATES = RedisScript.of("""
			local ids = {}
			for i = 1, #KEYS do
			  for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[i], ARGV[i + 1], ARGV[i + 1], 'LIMIT', 0, ARGV[1])) do
			    ids[#ids + 1] = id
			  end
			end
			return ids
			""", (Class<List<String>>) (Class) List.class);

	/**
	 * Groups as JSON (KEYS: last, then askers, questions and guesses of each group; ARGV: phrasings
	 * per group, then the group ids), in one step: a group emptied meanwhile is left out.
	 */
	private static final RedisScript<String> READ = RedisScript.of("""
			local groups = {}
			for i = 2, #ARGV do
			  local base = 1 + (i - 2) * 3
			  local last = redis.call('HGET', KEYS[1], ARGV[i])
			  local questions = redis.call('ZREVRANGE', KEYS[base + 2], 0, tonumber(ARGV[1]) - 1)
			  if last and #questions > 0 then
			    local guesses = {}
			    local flat = redis.call('HGETALL', KEYS[base + 3])
			    for j = 1, #flat, 2 do guesses[flat[j]] = tonumber(flat[j + 1]) end
			    groups[#groups + 1] = cjson.encode({ id = ARGV[i], last = last, askers = redis.call('HLEN', KEYS[base + 1]),
			      questions = questions, guesses = guesses })
			  end
			end
			return '[' .. table.concat(groups, ',') .. ']'
			""", String.class);

	private final StringRedisTemplate redis;

	private final JsonValues<Question> questions;

	private final JsonValues<List<Summary>> summaries;

	private final Clock clock;

	private final Limits limits;

	private final UserIdHashes hashes;

	private final TextAnalyzer analyzer = new TextAnalyzer();

	/**
	 * @param retention how long a question is kept
	 * @param perAsker questions recorded per asker and {@code perAskerWindow}; more are not recorded
	 * @param maxEntries questions kept at most; over it the oldest go first
	 * @param groupsListed groups in the listing, those with the most questions first
	 * @param questionsPerGroup distinct phrasings shown per group (the most asked), which an assignment teaches
	 */
	public record Limits(Duration retention, int perAsker, Duration perAskerWindow, int maxEntries, int groupsListed,
			int questionsPerGroup) {

		public static Limits defaults(Duration retention) {
			return new Limits(retention, 20, Duration.ofHours(1), 100_000, 100, 20);
		}

	}

	public UnansweredQuestions(StringRedisTemplate redis, Clock clock, Duration retention, UserIdHashes hashes) {
		this(redis, JsonMapper.builder().findAndAddModules().build(), clock, Limits.defaults(retention), hashes);
	}

	public UnansweredQuestions(StringRedisTemplate redis, ObjectMapper json, Clock clock, Limits limits, UserIdHashes hashes) {
		this.redis = redis;
		this.questions = new JsonValues<>(json, new TypeReference<Question>() {
		}, "unanswered question");
		this.summaries = new JsonValues<>(json, new TypeReference<List<Summary>>() {
		}, "unanswered question groups");
		this.clock = clock;
		this.limits = limits;
		this.hashes = hashes;
	}

	/** A group of similar questions. */
	public record Group(String id, int count, int askers, List<String> questions, Map<String, Integer> bestGuesses,
			Instant lastAsked) {
	}

	/** One recorded question, as stored. */
	record Question(String group, String asker, String text, String bestGuess, Instant at) {
	}

	public void record(String userId, String text, Classification classification) {
		String clean = truncate(UserText.clean(text));
		if (clean.isEmpty()) {
			return;
		}
		Instant now = clock.instant();
		String asker = userId == null ? "-" : hash(userId);
		if (!withinAskerLimit(asker, now)) {
			log.debug("Not recording an unanswered question: asker {} is over {} per {}", asker, limits.perAsker(),
					limits.perAskerWindow());
			return;
		}
		sweep(now, SWEEP_ON_RECORD);
		String tokens = tokens(clean);
		Set<String> grams = grams(tokens);
		long[] bands = bands(grams);
		String guess = classification.bestGuess();
		String id = newId();
		long stored = similarGroup(grams, bands)
			.map(group -> store(id, new Question(group, asker, clean, guess, now), null, bands))
			.orElse(0L);
		// A new group; or the similar one was emptied meanwhile; or (never in practice) the new id was taken.
		for (int attempt = 0; attempt < 3 && stored == 0; attempt++) {
			stored = store(id, new Question(newId(), asker, clean, guess, now), tokens, bands);
		}
		if (stored > limits.maxEntries()) {
			evict(stored - limits.maxEntries());
		}
	}

	/** The groups with the most questions, most first (at most {@code groupsListed}). */
	public List<Group> groups() {
		sweep(clock.instant(), SWEEP_ON_READ);
		Set<TypedTuple<String>> top = redis.opsForZSet().reverseRangeWithScores(GROUPS, 0, limits.groupsListed() - 1);
		if (top == null || top.isEmpty()) {
			return List.of();
		}
		Map<String, Integer> counts = new LinkedHashMap<>();
		top.forEach(t -> counts.put(t.getValue(), t.getScore() == null ? 0 : t.getScore().intValue()));
		return read(counts);
	}

	public Optional<Group> group(String id) {
		sweep(clock.instant(), SWEEP_ON_READ);
		Double count = redis.opsForZSet().score(GROUPS, id);
		return count == null ? Optional.empty() : read(Map.of(id, count.intValue())).stream().findFirst();
	}

	/** Forgets a group and its questions, once they have been taught to an intent. */
	public void forget(Group group) {
		String id = group.id();
		// From here on no question joins it (ADD needs the representative); a new one starts a group.
		redis.opsForHash().delete(REPRESENTATIVES, id);
		redis.opsForHash().delete(LAST, id);
		redis.opsForZSet().remove(GROUPS, id);
		for (int band = 0; band < BANDS; band++) {
			redis.opsForZSet().remove(PREFIX + "band:" + band, id);
		}
		String members = groupKey(id, "members");
		for (Set<String> batch = redis.opsForZSet().range(members, 0, FORGET_BATCH - 1); batch != null && !batch.isEmpty();
				batch = redis.opsForZSet().range(members, 0, FORGET_BATCH - 1)) {
			redis.opsForZSet().remove(ENTRIES, batch.toArray());
			redis.delete(batch.stream().map(UnansweredQuestions::entryKey).toList());
			redis.opsForZSet().remove(members, batch.toArray());
		}
		redis.delete(List.of(members, groupKey(id, "askers"), groupKey(id, "questions"), groupKey(id, "guesses")));
	}

	/** Questions evicted because the store was full, since it was created. */
	public long evicted() {
		String evicted = redis.opsForValue().get(EVICTED);
		return evicted == null ? 0 : Long.parseLong(evicted);
	}

	private boolean withinAskerLimit(String asker, Instant now) {
		long window = now.toEpochMilli() / limits.perAskerWindow().toMillis();
		String key = PREFIX + "asked:" + asker + ":" + window;
		Long asked = redis.opsForValue().increment(key);
		if (asked != null && asked == 1) {
			redis.expire(key, limits.perAskerWindow());
		}
		return asked != null && asked <= limits.perAsker();
	}

	private void sweep(Instant now, int atMost) {
		long cutoff = now.minus(limits.retention()).toEpochMilli();
		Set<String> expired = redis.opsForZSet().rangeByScore(ENTRIES, Double.NEGATIVE_INFINITY, cutoff - 1, 0, atMost);
		for (String id : expired == null ? Set.<String>of() : expired) {
			remove(id);
		}
	}

	private void evict(long excess) {
		Set<String> oldest = redis.opsForZSet().range(ENTRIES, 0, excess - 1);
		long evicted = oldest == null ? 0 : oldest.stream().filter(this::remove).count();
		if (evicted == 0) {
			return;
		}
		Long total = redis.opsForValue().increment(EVICTED, evicted);
		// Once the store is full every new question evicts one: log the first and then every thousandth.
		if (total != null && (total == evicted || (total - evicted) / 1000 != total / 1000)) {
			log.info("Unanswered questions are at their cap of {}: evicted the {} oldest ({} in all)", limits.maxEntries(),
					evicted, total);
		}
	}

	/**
	 * The number of stored questions after adding this one, or 0 if its group is gone or (a new
	 * one, with {@code newGroupTokens}) already exists.
	 */
	private long store(String id, Question question, String newGroupTokens, long[] bands) {
		List<Object> args = new ArrayList<>(List.of(id, question.group(), question.asker(), question.text(),
				question.bestGuess() == null ? "" : question.bestGuess(), Long.toString(question.at().toEpochMilli()),
				questions.write(question), newGroupTokens == null ? "join" : "new",
				newGroupTokens == null ? "" : newGroupTokens, Integer.toString(BUCKET_SIZE)));
		for (long band : bands) {
			args.add(Long.toString(band));
		}
		Long stored = redis.execute(ADD, keys(question.group(), id), args.toArray());
		return stored == null ? 0 : stored;
	}

	/** Removes a question and its part in its group's counts; false if another call removed it first. */
	private boolean remove(String id) {
		String stored = redis.opsForValue().get(entryKey(id));
		if (stored == null) {
			redis.opsForZSet().remove(ENTRIES, id);
			return false;
		}
		Question question = questions.read(stored);
		Long removed = redis.execute(REMOVE, keys(question.group(), id), id, question.group(), question.asker(),
				question.text(), question.bestGuess() == null ? "" : question.bestGuess());
		return removed != null && removed == 1;
	}

	private static List<String> keys(String group, String id) {
		List<String> keys = new ArrayList<>(List.of(ENTRIES, entryKey(id), REPRESENTATIVES, LAST, GROUPS,
				groupKey(group, "members"), groupKey(group, "askers"), groupKey(group, "questions"), groupKey(group, "guesses")));
		for (int band = 0; band < BANDS; band++) {
			keys.add(PREFIX + "band:" + band);
		}
		return keys;
	}

	private static String entryKey(String id) {
		return PREFIX + "entry:" + id;
	}

	private static String groupKey(String group, String part) {
		return PREFIX + "group:" + group + ":" + part;
	}

	/** Of the groups sharing a band with the question, the most similar at or above SAME_GROUP. */
	private Optional<String> similarGroup(Set<String> grams, long[] bands) {
		List<String> bandKeys = new ArrayList<>();
		List<Object> args = new ArrayList<>(List.of(Integer.toString(BUCKET_SIZE)));
		for (int band = 0; band < BANDS; band++) {
			bandKeys.add(PREFIX + "band:" + band);
			args.add(Long.toString(bands[band]));
		}
		List<String> buckets = redis.execute(CANDIDATES, bandKeys, args.toArray());
		Set<String> candidates = new LinkedHashSet<>(buckets == null ? List.of() : buckets);
		if (candidates.isEmpty()) {
			return Optional.empty();
		}
		List<String> ids = List.copyOf(candidates);
		List<Object> representatives = redis.opsForHash().multiGet(REPRESENTATIVES, new ArrayList<Object>(ids));
		String best = null;
		double bestSimilarity = SAME_GROUP;
		for (int i = 0; i < ids.size(); i++) {
			if (representatives.get(i) instanceof String tokens) {
				double similarity = jaccard(grams(tokens), grams);
				if (similarity >= bestSimilarity) {
					best = ids.get(i);
					bestSimilarity = similarity;
				}
			}
		}
		return Optional.ofNullable(best);
	}

	/** The groups of these ids that still exist, in the same order, read in one step. */
	private List<Group> read(Map<String, Integer> counts) {
		List<String> ids = List.copyOf(counts.keySet());
		List<String> keys = new ArrayList<>(List.of(LAST));
		List<Object> args = new ArrayList<>(List.of(Integer.toString(limits.questionsPerGroup())));
		for (String id : ids) {
			keys.addAll(List.of(groupKey(id, "askers"), groupKey(id, "questions"), groupKey(id, "guesses")));
			args.add(id);
		}
		String read = redis.execute(READ, keys, args.toArray());
		return summaries.read(read == null ? "[]" : read)
			.stream()
			.map(g -> new Group(g.id(), counts.get(g.id()), g.askers(), g.questions(), new LinkedHashMap<>(new TreeMap<>(g.guesses())),
					Instant.ofEpochMilli(g.last())))
			.toList();
	}

	/** A group as the READ script returns it. */
	record Summary(String id, long last, int askers, List<String> questions, Map<String, Integer> guesses) {
	}

	private static String truncate(String text) {
		if (text.codePointCount(0, text.length()) <= MAX_TEXT) {
			return text;
		}
		return text.substring(0, text.offsetByCodePoints(0, MAX_TEXT));
	}

	private static String newId() {
		return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
	}

	private String tokens(String text) {
		return String.join(" ", analyzer.analyze(text).tokens());
	}

	static Set<String> grams(String tokens) {
		Set<String> grams = new HashSet<>();
		for (int i = 0; i + 3 <= tokens.length(); i++) {
			grams.add(tokens.substring(i, i + 3));
		}
		if (grams.isEmpty()) {
			grams.add(tokens);
		}
		return grams;
	}

	/** MinHash of the 3-grams, folded into one 32-bit hash per band (a Redis score holds it exactly). */
	static long[] bands(Set<String> grams) {
		long[] minimum = new long[BANDS * ROWS];
		Arrays.fill(minimum, Long.MAX_VALUE);
		for (String gram : grams) {
			long hash = 1125899906842597L;
			for (int i = 0; i < gram.length(); i++) {
				hash = 31 * hash + gram.charAt(i);
			}
			for (int i = 0; i < minimum.length; i++) {
				minimum[i] = Math.min(minimum[i], mix(hash ^ SEEDS[i]));
			}
		}
		long[] bands = new long[BANDS];
		for (int band = 0; band < BANDS; band++) {
			long combined = band;
			for (int row = 0; row < ROWS; row++) {
				combined = mix(combined * 31 + minimum[band * ROWS + row]);
			}
			bands[band] = combined & 0xFFFF_FFFFL;
		}
		return bands;
	}

	/** MurmurHash3's 64-bit finaliser: every input bit moves every output bit. */
	private static long mix(long h) {
		h ^= h >>> 33;
		h *= 0xff51afd7ed558ccdL;
		h ^= h >>> 33;
		h *= 0xc4ceb9fe1a85ec53L;
		h ^= h >>> 33;
		return h;
	}

	static double jaccard(Set<String> a, Set<String> b) {
		int both = 0;
		for (String gram : a) {
			if (b.contains(gram)) {
				both++;
			}
		}
		int union = a.size() + b.size() - both;
		return union == 0 ? 0 : both / (double) union;
	}

	/** Only counted: a shortened keyed hash is enough to tell askers apart. */
	private String hash(String userId) {
		return hashes.hash(userId).substring(0, 24);
	}

}
