package th.or.dga.budgetbot.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class GateTuningTest {

	private static final GateTuning.Grid GRID = new GateTuning.Grid(new double[] { 0.2, 0.3, 0.99 }, new double[] { 0, 0.04 },
			new double[] { 0.7 }, new double[] { 0.1, 0.25 }, new double[] { 0.5 }, new int[] { 14 });

	@Test
	void choosesTheBestSettingOfTheGridByCrossValidationAndDrawsTheLearningCurve() {
		List<TrainingExample> examples = new ArrayList<>();
		String[][] intents = { { "deadline", "ส่งคำขอได้ถึงวันไหน", "deadline for the request" },
				{ "contact", "ติดต่อเจ้าหน้าที่ได้ทางไหน", "how to contact the agency" },
				{ "out-of-scope", "พรุ่งนี้ฝนตกไหม", "weather tomorrow" } };
		for (String[] intent : intents) {
			for (int i = 0; i < 12; i++) {
				examples.add(new TrainingExample(intent[0], intent[1] + " ข้อ " + i));
				examples.add(new TrainingExample(intent[0], intent[2] + " number " + i));
			}
		}
		NluProperties current = new NluProperties(0.99, 0.04, 0.7, 0.25, 0.5, 50, 14);

		GateTuning.Result result = new GateTuning(examples, Set.of("out-of-scope"), text -> text.contains("number"), 3, 7,
				new TextAnalyzer()).run(current, GRID, progress -> {
				});

		assertThat(result.settingsTried()).isEqualTo(12);
		// Confidence 0.99 declines nearly everything: the tuned gates answer far more, and decline the weather.
		assertThat(result.best().properties().minConfidence()).isLessThan(0.99);
		assertThat(result.best().score()).isGreaterThan(result.current().score());
		assertThat(result.best().declined()).isEqualTo(1.0);
		assertThat(result.runnersUp()).allSatisfy(s -> assertThat(s.score()).isLessThanOrEqualTo(result.best().score()));
		assertThat(result.learningCurve()).extracting(GateTuning.CurvePoint::share).containsExactly(0.25, 0.5, 0.75, 1.0);
		assertThat(result.learningCurve()).extracting(GateTuning.CurvePoint::trainingExamples).isSorted();
		assertThat(result.render()).contains("min-confidence: " + String.format(java.util.Locale.ROOT, "%.2f",
				result.best().properties().minConfidence())).contains("english");
	}

}
