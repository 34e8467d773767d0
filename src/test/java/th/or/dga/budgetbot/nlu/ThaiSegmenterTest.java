package th.or.dga.budgetbot.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class ThaiSegmenterTest {

	private final ThaiSegmenter segmenter = new ThaiSegmenter();

	@Test
	void keepsTheProgrammesTermsWhole() {
		// Plain ICU splits บูรณาการ into บูรณ/า/การ.
		assertThat(segmenter.segment("แผนงานบูรณาการรัฐบาลดิจิทัล")).containsExactly("แผนงาน", "บูรณาการ", "รัฐบาล", "ดิจิทัล");
		assertThat(segmenter.segment("สำนักงบประมาณจัดสรรงบประมาณ")).containsExactly("สำนักงบประมาณ", "จัดสรร", "งบประมาณ");
	}

	@Test
	void dropsPoliteParticles() {
		assertThat(segmenter.segment("ยื่นได้ไหมครับ")).doesNotContain("ครับ").contains("ยื่น", "ได้", "ไหม");
		assertThat(segmenter.segment("ติดต่อได้ไหมคะ")).doesNotContain("คะ");
	}

	@Test
	void keepsLatinAndProtectedTokensAsTheyAre() {
		assertThat(segmenter.segment("can we submit fyear")).containsExactly("can", "we", "submit", "fyear");
	}

	@Test
	void segmentsTheSameOnManyThreadsAtOnce() throws Exception {
		// ICU's BreakIterator is not thread-safe; a shared one can hang in its dictionary cache.
		String text = "ยังยื่นของบประมาณแผนงานบูรณาการรัฐบาลดิจิทัลได้ไหม";
		List<String> expected = segmenter.segment(text);
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<Boolean>> results = new java.util.ArrayList<>();
			for (int i = 0; i < 200; i++) {
				results.add(pool.submit(() -> segmenter.segment(text).equals(expected)));
			}
			for (Future<Boolean> result : results) {
				assertThat(result.get(30, TimeUnit.SECONDS)).isTrue();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

}
