package th.or.dga.budgetbot.intents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.DataType;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.fasterxml.jackson.databind.json.JsonMapper;

import th.or.dga.budgetbot.MutableClock;
import th.or.dga.budgetbot.language.Language;
import th.or.dga.budgetbot.nlu.Classification;
import th.or.dga.budgetbot.nlu.Mentions;
import th.or.dga.budgetbot.store.TestRedis;
import th.or.dga.budgetbot.hashing.UserIdHashes;

class UnansweredQuestionsTest {

	private static final List<String> FORM = List.of("ขอแบบฟอร์มง.1สำหรับยื่นเอกสารค่ะ", "ขอแบบฟอร์ม ง.1 สำหรับยื่นเอกสารครับ",
			"ขอแบบฟอร์ม ง.1 สำหรับยื่นเอกสารหน่อยนะคะ");

	/** Questions about unrelated things: no two of them are one group. */
	private static final List<String> UNRELATED = List.of("อากาศวันนี้เป็นยังไง", "what time is the football match tonight",
			"ร้านกาแฟแถวนี้เปิดกี่โมง", "how do I reset my email password", "ขอสูตรต้มยำกุ้งหน่อย", "is the train to Chiang Mai late",
			"ราคาทองวันนี้เท่าไหร่");

	private final StringRedisTemplate redis = TestRedis.template();

	private final MutableClock clock = new MutableClock();

	@BeforeEach
	void forgetEverything() {
		Set<String> keys = redis.keys("intents:unanswered*");
		if (keys != null && !keys.isEmpty()) {
			redis.delete(keys);
		}
	}

	@Test
	void recordsAtMostTheLimitPerUserInAnHourAndAgainTheNextHour() {
		UnansweredQuestions questions = questions(20, 1000, 100);
		for (int i = 0; i < 21; i++) {
			questions.record("Ualice", UNRELATED.get(i % UNRELATED.size()) + " " + i, guess("contact"));
		}
		questions.record("Ubob", "ขอแบบฟอร์ม ง.1", guess("contact"));

		assertThat(total(questions)).isEqualTo(21);
		assertThat(all(questions)).doesNotContain(UNRELATED.get(20 % UNRELATED.size()) + " 20").contains("ขอแบบฟอร์ม ง.1");

		clock.advance(Duration.ofHours(1));
		questions.record("Ualice", "a question the next hour", guess("contact"));

		assertThat(total(questions)).isEqualTo(22);
		assertThat(all(questions)).contains("a question the next hour");
	}

	@Test
	void overTheCapTheOldestGoFirstAndAreCounted() {
		UnansweredQuestions questions = questions(100, 5, 100);
		for (String question : UNRELATED) {
			questions.record("U" + question.length(), question, guess("contact"));
			clock.advance(Duration.ofMinutes(1));
		}

		assertThat(total(questions)).isEqualTo(5);
		assertThat(all(questions)).containsExactlyInAnyOrderElementsOf(UNRELATED.subList(2, 7));
		assertThat(questions.evicted()).isEqualTo(2);
	}

	@Test
	void similarQuestionsShareAGroupAndDifferentOnesDoNot() {
		UnansweredQuestions questions = questions(20, 1000, 100);
		for (int i = 0; i < FORM.size(); i++) {
			questions.record("Uform" + i, FORM.get(i), guess(i < 2 ? "contact" : "fy-deadline"));
		}
		UNRELATED.forEach(q -> questions.record("Uother", q, guess("greeting")));

		List<UnansweredQuestions.Group> groups = questions.groups();

		assertThat(groups).hasSize(1 + UNRELATED.size());
		UnansweredQuestions.Group form = groups.get(0);
		assertThat(form.count()).isEqualTo(3);
		assertThat(form.askers()).isEqualTo(3);
		assertThat(form.questions()).containsExactlyInAnyOrderElementsOf(FORM);
		assertThat(form.bestGuesses()).containsEntry("contact", 2).containsEntry("fy-deadline", 1);
		assertThat(form.lastAsked()).isEqualTo(clock.instant().truncatedTo(ChronoUnit.MILLIS));
		assertThat(groups.subList(1, groups.size())).allSatisfy(g -> assertThat(g.count()).isEqualTo(1));
	}

	@Test
	void anExpiredQuestionLeavesItsGroupsCounts() {
		UnansweredQuestions questions = questions(20, 1000, 100);
		questions.record("Ufirst", FORM.get(0), guess("contact"));
		clock.advance(Duration.ofDays(10));
		Instant second = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		questions.record("Usecond", FORM.get(1), guess("fy-deadline"));

		clock.advance(Duration.ofDays(21));

		assertThat(questions.groups()).singleElement().satisfies(g -> {
			assertThat(g.count()).isEqualTo(1);
			assertThat(g.askers()).isEqualTo(1);
			assertThat(g.questions()).containsExactly(FORM.get(1));
			assertThat(g.bestGuesses()).containsOnlyKeys("fy-deadline");
			assertThat(g.lastAsked()).isEqualTo(second);
		});

		clock.advance(Duration.ofDays(10));

		assertThat(questions.groups()).isEmpty();
		assertThat(redis.keys("intents:unanswered:entry:*")).isEmpty();
		assertThat(redis.keys("intents:unanswered:group:*")).isEmpty();
	}

	@Test
	void storesTheQuestionCleanedAndNeverTheUserId() {
		UnansweredQuestions questions = questions(20, 1000, 100);

		questions.record("U0123456789abcdef", "ขอแบบฟอร์ม\nง.1\u0001 ค่ะ\u200e", guess("contact"));

		assertThat(all(questions)).containsExactly("ขอแบบฟอร์ม ง.1 ค่ะ");
		assertThat(everythingStored()).doesNotContain("U0123456789abcdef").doesNotContain("ฟอร์ม\n").doesNotContain("\u0001");
	}

	@Test
	void anAssignedGroupIsForgottenWithItsQuestions() {
		UnansweredQuestions questions = questions(20, 1000, 100);
		FORM.forEach(q -> questions.record("U" + q.length(), q, guess("contact")));
		questions.record("Uother", UNRELATED.get(0), guess("greeting"));

		UnansweredQuestions.Group form = questions.groups().get(0);

		questions.forget(form);

		assertThat(all(questions)).containsExactly(UNRELATED.get(0));
		assertThat(questions.group(form.id())).isEmpty();
		assertThat(redis.keys("intents:unanswered:entry:*")).hasSize(1);
		assertThat(redis.keys("intents:unanswered:group:" + form.id() + ":*")).isEmpty();
		assertThat(redis.opsForZSet().zCard("intents:unanswered:entries")).isEqualTo(1);
		// A question like the forgotten ones starts a new group.
		questions.record("Unew", FORM.get(0), guess("contact"));
		assertThat(questions.groups()).hasSize(2).allSatisfy(g -> assertThat(g.count()).isEqualTo(1));
	}

	@Test
	void questionsWithoutWordsAreRecordedToo() {
		UnansweredQuestions questions = questions(20, 1000, 100);

		questions.record("Ua", "???", guess("contact"));
		questions.record("Ub", "ค่ะ", guess("contact"));
		questions.record("Uc", "  ", guess("contact"));

		assertThat(all(questions)).containsExactlyInAnyOrder("???", "ค่ะ");
	}

	@Test
	void listsTheGroupsAskedMostUpToTheLimit() {
		UnansweredQuestions questions = questions(20, 1000, 2);
		FORM.forEach(q -> questions.record("U" + q.length(), q, guess("contact")));
		questions.record("Ua", UNRELATED.get(0), guess("greeting"));
		questions.record("Ub", UNRELATED.get(0), guess("greeting"));
		questions.record("Uc", UNRELATED.get(1), guess("greeting"));

		assertThat(questions.groups()).extracting(UnansweredQuestions.Group::count).containsExactly(3, 2);
	}

	private UnansweredQuestions questions(int perUser, int maxEntries, int groupsListed) {
		return new UnansweredQuestions(redis, JsonMapper.builder().findAndAddModules().build(), clock,
				new UnansweredQuestions.Limits(Duration.ofDays(30), perUser, Duration.ofHours(1), maxEntries, groupsListed, 20),
				UserIdHashes.withKey("test-key-0123456789abcdef"));
	}

	private static Classification guess(String intent) {
		return new Classification(List.of(new Classification.Scored(intent, 0.2)), 0.5, 0.1, false, Mentions.NONE, Language.TH);
	}

	private static int total(UnansweredQuestions questions) {
		return questions.groups().stream().mapToInt(UnansweredQuestions.Group::count).sum();
	}

	private static List<String> all(UnansweredQuestions questions) {
		return questions.groups().stream().flatMap(g -> g.questions().stream()).toList();
	}

	private String everythingStored() {
		List<String> values = new ArrayList<>();
		for (String key : redis.keys("intents:unanswered*")) {
			values.add(key);
			DataType type = redis.type(key);
			switch (type) {
				case STRING -> values.add(redis.opsForValue().get(key));
				case HASH -> values.add(redis.opsForHash().entries(key).toString());
				case ZSET -> values.add(String.valueOf(redis.opsForZSet().range(key, 0, -1)));
				default -> values.add(type.name());
			}
		}
		return String.join("\n", values);
	}

}
