package th.or.dga.budgetbot.nlu;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import th.or.dga.budgetbot.intents.IntentTraining;
import th.or.dga.budgetbot.intents.ProgrammeFacts;

/**
 * Classifying one message end to end (normalise, segment, maxent, nearest example), on the
 * shipped catalog. Run with {@code .ci/bench-nlu}; not part of the test suite.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ClassifyBenchmark {

	private static final List<String> MESSAGES = List.of("ยังยื่นของบบูรณาการรัฐบาลดิจิทัลปี 64 ได้ไหมคะ",
			"ใครเป็นประธานคณะที่ ๑.๓ คับ", "can we still submit for FY2021?", "สพร.ติดต่อได้ทางไหนบ้าง",
			"สวัสดีค่ะ พอดีหัวหน้าให้มาถามว่าสำนักงบประมาณจะจัดสรรงบปี 64 เมื่อไหร่คะ", "อากาศวันนี้เป็นยังไง");

	private IntentModel model;

	private int next;

	@Setup(Level.Trial)
	public void train() {
		model = new IntentTraining(ProgrammeFacts.ids(Path.of("config/facts.yml")), NluProperties.defaults())
			.train(Path.of("intents"))
			.model();
	}

	@Benchmark
	@Threads(1)
	public Classification classifyOneMessage() {
		next = (next + 1) % MESSAGES.size();
		return model.classify(MESSAGES.get(next));
	}

	@Benchmark
	@Threads(2)
	public Classification classifyOnTwoThreads() {
		return model.classify(MESSAGES.get((int) (Thread.currentThread().getId() % MESSAGES.size())));
	}

}
