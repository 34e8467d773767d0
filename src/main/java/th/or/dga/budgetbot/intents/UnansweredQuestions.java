package th.or.dga.budgetbot.intents;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.data.redis.core.StringRedisTemplate;

import th.or.dga.budgetbot.nlu.Classification;
import th.or.dga.budgetbot.nlu.TextAnalyzer;

/**
 * Questions the bot fell back on or answered with low confidence, so admins can see what
 * users ask and teach the catalog. Kept for a limited time (PDPA): each entry expires; the
 * LINE user id is kept only as a keyed hash, to count distinct askers. Grouped by similarity
 * when read: "37 people asked X".
 */
public class UnansweredQuestions {

	private static final String INDEX = "intents:unanswered";

	private static final int MAX_TEXT = 500;

	/** Character 3-gram Jaccard similarity at which two questions are one group. */
	static final double SAME_GROUP = 0.4;

	private final StringRedisTemplate redis;

	private final Clock clock;

	private final Duration retention;

	private final SecretKeySpec userKey;

	private final TextAnalyzer analyzer = new TextAnalyzer();

	public UnansweredQuestions(StringRedisTemplate redis, Clock clock, Duration retention, byte[] userHashKey) {
		this.redis = redis;
		this.clock = clock;
		this.retention = retention;
		this.userKey = new SecretKeySpec(userHashKey, "HmacSHA256");
	}

	/** A group of similar questions. */
	public record Group(String id, int count, int askers, List<String> questions, Map<String, Integer> bestGuesses,
			Instant lastAsked) {
	}

	public void record(String userId, String text, Classification classification) {
		Instant now = clock.instant();
		String id = UUID.randomUUID().toString();
		String guesses = classification.ranking()
			.stream()
			.map(s -> s.intent() + "=" + String.format(java.util.Locale.ROOT, "%.2f", s.score()))
			.reduce((a, b) -> a + "," + b)
			.orElse("");
		String key = INDEX + ":" + id;
		redis.opsForHash().putAll(key, Map.of("text", text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text, "guesses",
				guesses, "at", now.toString(), "user", userId == null ? "-" : hash(userId)));
		redis.expire(key, retention);
		redis.opsForZSet().add(INDEX, id, now.toEpochMilli());
		redis.opsForZSet().removeRangeByScore(INDEX, 0, now.minus(retention).toEpochMilli());
	}

	public List<Group> groups() {
		List<Entry> entries = entries();
		List<List<Entry>> groups = new ArrayList<>();
		List<Set<String>> representatives = new ArrayList<>();
		for (Entry entry : entries) {
			int match = -1;
			for (int g = 0; g < groups.size() && match < 0; g++) {
				if (jaccard(representatives.get(g), entry.grams()) >= SAME_GROUP) {
					match = g;
				}
			}
			if (match < 0) {
				groups.add(new ArrayList<>(List.of(entry)));
				representatives.add(entry.grams());
			}
			else {
				groups.get(match).add(entry);
			}
		}
		return groups.stream().map(this::group).sorted((a, b) -> Integer.compare(b.count(), a.count())).toList();
	}

	public Optional<Group> group(String id) {
		return groups().stream().filter(g -> g.id().equals(id)).findFirst();
	}

	/** Forgets the questions of a group, once they have been taught to an intent. */
	public void forget(Group group) {
		Set<String> texts = Set.copyOf(group.questions());
		for (Entry entry : entries()) {
			if (texts.contains(entry.text())) {
				redis.delete(INDEX + ":" + entry.id());
				redis.opsForZSet().remove(INDEX, entry.id());
			}
		}
	}

	private record Entry(String id, String text, String guesses, Instant at, String user, Set<String> grams) {
	}

	private List<Entry> entries() {
		Set<String> ids = redis.opsForZSet().rangeByScore(INDEX, clock.instant().minus(retention).toEpochMilli(), Double.MAX_VALUE);
		List<Entry> entries = new ArrayList<>();
		for (String id : ids == null ? Set.<String>of() : ids) {
			Map<Object, Object> v = redis.opsForHash().entries(INDEX + ":" + id);
			if (v.isEmpty()) {
				redis.opsForZSet().remove(INDEX, id);
				continue;
			}
			String text = String.valueOf(v.get("text"));
			entries.add(new Entry(id, text, String.valueOf(v.get("guesses")), Instant.parse(String.valueOf(v.get("at"))),
					String.valueOf(v.get("user")), grams(text)));
		}
		return entries;
	}

	private Group group(List<Entry> entries) {
		Set<String> askers = new HashSet<>();
		Map<String, Integer> guesses = new TreeMap<>();
		Set<String> questions = new java.util.LinkedHashSet<>();
		Instant last = Instant.EPOCH;
		for (Entry e : entries) {
			askers.add(e.user());
			questions.add(e.text());
			String best = e.guesses().isEmpty() ? null : e.guesses().split(",")[0].split("=")[0];
			if (best != null) {
				guesses.merge(best, 1, Integer::sum);
			}
			last = e.at().isAfter(last) ? e.at() : last;
		}
		return new Group(groupId(entries.get(0)), entries.size(), askers.size(), List.copyOf(questions),
				new LinkedHashMap<>(guesses), last);
	}

	private static String groupId(Entry representative) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(representative.id().getBytes(StandardCharsets.UTF_8)))
				.substring(0, 12);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private Set<String> grams(String text) {
		String joined = String.join(" ", analyzer.analyze(text).tokens());
		Set<String> grams = new HashSet<>();
		for (int i = 0; i + 3 <= joined.length(); i++) {
			grams.add(joined.substring(i, i + 3));
		}
		if (grams.isEmpty()) {
			grams.add(joined);
		}
		return grams;
	}

	private static double jaccard(Set<String> a, Set<String> b) {
		Set<String> union = new HashSet<>(a);
		union.addAll(b);
		if (union.isEmpty()) {
			return 0;
		}
		Set<String> both = new HashSet<>(a);
		both.retainAll(b);
		return both.size() / (double) union.size();
	}

	private String hash(String userId) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(userKey);
			return HexFormat.of().formatHex(mac.doFinal(userId.getBytes(StandardCharsets.UTF_8))).substring(0, 24);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException e) {
			throw new IllegalStateException(e);
		}
	}

}
