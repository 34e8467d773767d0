package th.or.dga.budgetbot.intents;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.fasterxml.jackson.databind.json.JsonMapper;

import th.or.dga.budgetbot.language.Language;
import th.or.dga.budgetbot.nlu.Classification;
import th.or.dga.budgetbot.nlu.Mentions;
import th.or.dga.budgetbot.store.TestRedis;
import th.or.dga.budgetbot.hashing.UserIdHashes;

/**
 * The admin listing of unanswered questions with the store full (100,000 questions in a real
 * embedded Redis), and recording one more question then (which evicts the oldest). Two kinds of
 * traffic: {@code phrasings}, variations of a few hundred questions as users really ask, and
 * {@code random}, random letters: nearly every question its own group, the worst case. Run with
 * {@code .ci/bench-unanswered}; not part of the test suite. The goal for the listing is under 1 s.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class UnansweredQuestionsBenchmark {

	private static final List<String> THAI = List.of("ขอ", "แบบฟอร์ม", "ยื่น", "งบประมาณ", "ปี", "ได้ไหม", "เมื่อไหร่", "ที่ไหน",
			"สำนักงบ", "ติดต่อ", "เจ้าหน้าที่", "เอกสาร", "โครงการ", "อนุมัติ", "ส่ง", "แก้ไข", "ค่ะ", "ครับ", "หน่อย", "ยังไง",
			"กำหนด", "วันสุดท้าย", "คณะกรรมการ", "ดิจิทัล", "ระบบ", "รหัส", "ผ่าน", "ตรวจสอบ", "สถานะ", "คำขอ");

	private static final List<String> ENGLISH = List.of("how", "can", "we", "submit", "the", "budget", "form", "for", "year",
			"when", "is", "deadline", "contact", "officer", "status", "request", "approved", "plan", "project", "please");

	@Param("100000")
	int questions;

	@Param({ "phrasings", "random" })
	String traffic;

	private UnansweredQuestions unanswered;

	private List<String> topics;

	private final AtomicLong next = new AtomicLong();

	@Setup(Level.Trial)
	public void fill() {
		StringRedisTemplate redis = TestRedis.template();
		Set<String> keys = redis.keys("intents:unanswered*");
		if (keys != null && !keys.isEmpty()) {
			redis.delete(keys);
		}
		unanswered = new UnansweredQuestions(redis, JsonMapper.builder().findAndAddModules().build(), Clock.systemUTC(),
				new UnansweredQuestions.Limits(Duration.ofDays(30), 20, Duration.ofHours(1), questions, 100, 20),
				UserIdHashes.withKey("bench-key-0123456789abcdef"));
		topics = new SplittableRandom(7).ints(400, 0, Integer.MAX_VALUE).mapToObj(i -> sentence(new SplittableRandom(i))).toList();
		long start = System.nanoTime();
		// As the webhook workers of a few instances would: several at once.
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				done.add(pool.submit(() -> {
					while (next.get() < questions) {
						recordOne();
					}
				}));
			}
			for (Future<?> d : done) {
				d.get();
			}
		}
		catch (InterruptedException | ExecutionException e) {
			throw new IllegalStateException(e);
		}
		finally {
			pool.shutdownNow();
		}
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		Properties memory = redis.execute((RedisCallback<Properties>) c -> c.serverCommands().info("memory"));
		System.out.printf("%nRecorded %,d questions (%s) in %,d ms (%.2f ms each, 8 threads): %,d groups, %s in Redis%n",
				questions, traffic, millis, millis / (double) questions, redis.opsForZSet().zCard("intents:unanswered:groups"),
				memory == null ? "?" : memory.getProperty("used_memory_human"));
	}

	@Benchmark
	public List<UnansweredQuestions.Group> listTheGroups() {
		return unanswered.groups();
	}

	@Benchmark
	public void recordOneMoreWhenFull() {
		recordOne();
	}

	private void recordOne() {
		long n = next.getAndIncrement();
		SplittableRandom random = new SplittableRandom(n);
		String text = traffic.equals("random") ? letters(random)
				: topics.get(random.nextInt(topics.size())) + " " + THAI.get(random.nextInt(THAI.size()));
		// Ten questions per user: under the per-user limit, as in real traffic.
		unanswered.record("Ubench" + (n / 10), text, new Classification(List.of(new Classification.Scored("contact", 0.2)),
				0.5, 0.1, false, Mentions.NONE, Language.TH));
	}

	private static String letters(SplittableRandom random) {
		StringBuilder text = new StringBuilder();
		for (int i = 0, n = 15 + random.nextInt(25); i < n; i++) {
			int kind = random.nextInt(8);
			text.append(kind == 0 ? ' ' : kind < 5 ? (char) ('\u0e01' + random.nextInt(46)) : (char) ('a' + random.nextInt(26)));
		}
		return text.toString();
	}

	private static String sentence(SplittableRandom random) {
		List<String> words = random.nextBoolean() ? THAI : ENGLISH;
		StringBuilder sentence = new StringBuilder();
		for (int i = 0, n = 4 + random.nextInt(6); i < n; i++) {
			sentence.append(words.get(random.nextInt(words.size()))).append(words == THAI ? "" : " ");
		}
		return sentence.append(random.nextInt(1000)).toString();
	}

}
