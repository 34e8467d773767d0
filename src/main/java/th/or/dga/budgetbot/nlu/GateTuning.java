package th.or.dga.budgetbot.nlu;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Chooses the classifier's gates and scoring settings ({@link NluProperties}) by k-fold
 * cross-validation on the training examples alone, so that the test files keep measuring. Each
 * fold's model is trained once; every setting of the grid is judged on the same classifications
 * (the gates only filter them). An example of a declining intent (an {@code unknown} answer,
 * the out-of-scope intent) is right when it is declined, by that kind of intent or the fallback;
 * any other example is right when it is answered by its own intent. The score is the mean of the
 * two shares (balanced accuracy): declining what the facts do not hold counts as much as
 * answering what they do, although the catalog has far fewer examples of it.
 */
public final class GateTuning {

	private final List<TrainingExample> examples;

	private final Set<String> declining;

	private final Predicate<String> isEnglish;

	private final int folds;

	private final long seed;

	private final TextAnalyzer analyzer;

	/**
	 * @param declining intents whose answer declines
	 * @param isEnglish whether an example's text is one of the English examples
	 */
	public GateTuning(List<TrainingExample> examples, Set<String> declining, Predicate<String> isEnglish, int folds, long seed,
			TextAnalyzer analyzer) {
		if (folds < 2) {
			throw new IllegalArgumentException("folds must be at least 2, got " + folds);
		}
		this.examples = List.copyOf(examples);
		this.declining = Set.copyOf(declining);
		this.isEnglish = isEnglish;
		this.folds = folds;
		this.seed = seed;
		this.analyzer = analyzer;
	}

	/** The values tried for each setting; every combination is judged. */
	public record Grid(double[] minConfidence, double[] minMargin, double[] minCoverage, double[] minSimilarity,
			double[] similarityWeight, int[] tailWords) {

		/** 5 x 3 scorings x 7 x 5 x 5 x 6 gates: a few minutes on two cores for ~3,000 examples. */
		public static Grid standard() {
			return new Grid(new double[] { 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45 }, new double[] { 0, 0.02, 0.04, 0.06, 0.08 },
					new double[] { 0.5, 0.6, 0.7, 0.8, 0.9 }, new double[] { 0.1, 0.15, 0.2, 0.25, 0.3, 0.35 },
					new double[] { 0.3, 0.4, 0.5, 0.6, 0.7 }, new int[] { 10, 14, 20 });
		}

		int scorings() {
			return similarityWeight.length * tailWords.length;
		}

		int size() {
			return scorings() * minConfidence.length * minMargin.length * minCoverage.length * minSimilarity.length;
		}

	}

	/**
	 * One setting's cross-validated result.
	 *
	 * @param score balanced accuracy: the mean of {@code answered} and {@code declined}
	 * @param answered share of answering intents' examples answered by their own intent
	 * @param declined share of declining intents' examples declined
	 * @param accuracy share of all examples right (as {@code intents evaluate} counts them)
	 * @param english the same over the English examples only
	 */
	public record Setting(NluProperties properties, double score, double answered, double declined, double accuracy,
			double english) {
	}

	/** Cross-validated accuracy with a share of each fold's training examples. */
	public record CurvePoint(double share, int trainingExamples, double accuracy, double english) {
	}

	public record Result(int examples, int folds, int settingsTried, Setting current, Setting best, List<Setting> runnersUp,
			List<CurvePoint> learningCurve) {

		public String render() {
			StringBuilder out = new StringBuilder();
			out.append(String.format(Locale.ROOT, "%nGate tuning: %d-fold cross-validation on %d training examples, %d settings%n",
					folds, examples, settingsTried));
			out.append(String.format(Locale.ROOT, "%-8s %s%n", "current", line(current)));
			out.append(String.format(Locale.ROOT, "%-8s %s%n", "best", line(best)));
			out.append("Next best:\n");
			runnersUp.forEach(s -> out.append(String.format(Locale.ROOT, "%-8s %s%n", "", line(s))));
			out.append("\nLearning curve with the best setting (share of each fold's training examples):\n");
			out.append(String.format(Locale.ROOT, "  %5s %9s %9s %9s%n", "share", "examples", "accuracy", "english"));
			learningCurve.forEach(p -> out.append(String.format(Locale.ROOT, "  %4.0f%% %9d %9.3f %9.3f%n", p.share() * 100,
					p.trainingExamples(), p.accuracy(), p.english())));
			NluProperties b = best.properties();
			out.append(String.format(Locale.ROOT, """

					For application.yml (app.nlu):
					    min-confidence: %.2f
					    min-margin: %.2f
					    min-coverage: %.2f
					    min-similarity: %.2f
					    similarity-weight: %.2f
					    tail-words: %d
					""", b.minConfidence(), b.minMargin(), b.minCoverage(), b.minSimilarity(), b.similarityWeight(), b.tailWords()));
			return out.toString();
		}

		private static String line(Setting s) {
			NluProperties p = s.properties();
			return String.format(Locale.ROOT,
					"score %.3f (answered %.3f, declined %.3f; accuracy %.3f, english %.3f)  confidence %.2f margin %.2f "
							+ "coverage %.2f similarity %.2f weight %.2f tail %d",
					s.score(), s.answered(), s.declined(), s.accuracy(), s.english(), p.minConfidence(), p.minMargin(),
					p.minCoverage(), p.minSimilarity(), p.similarityWeight(), p.tailWords());
		}

	}

	/** One held-out example's classification, reduced to what the gates look at. */
	private record Judged(boolean rightIfAccepted, boolean rightIfDeclined, double confidence, double margin,
			double coverage, double similarity, boolean words) {
	}

	public Result run(NluProperties current, Grid grid, Consumer<String> progress) {
		List<TrainingExample> shuffled = new ArrayList<>(examples);
		Collections.shuffle(shuffled, new Random(seed));
		List<IntentModel> models = new ArrayList<>();
		for (int fold = 0; fold < folds; fold++) {
			models.add(IntentModel.train(training(shuffled, fold, 1.0), current, analyzer));
			progress.accept(String.format(Locale.ROOT, "trained fold %d of %d%n", fold + 1, folds));
		}
		List<Setting> settings = new ArrayList<>(grid.size());
		for (double weight : grid.similarityWeight()) {
			for (int tail : grid.tailWords()) {
				NluProperties scoring = with(current, current.minConfidence(), current.minMargin(), current.minCoverage(),
						current.minSimilarity(), weight, tail);
				List<Judged> judged = judge(shuffled, models, scoring);
				for (double confidence : grid.minConfidence()) {
					for (double margin : grid.minMargin()) {
						for (double coverage : grid.minCoverage()) {
							for (double similarity : grid.minSimilarity()) {
								settings.add(setting(shuffled, judged,
										with(current, confidence, margin, coverage, similarity, weight, tail)));
							}
						}
					}
				}
			}
			progress.accept(String.format(Locale.ROOT, "judged similarity-weight %.2f%n", weight));
		}
		// Best score first; among equals, the stricter gates (they decline more of what was never taught).
		settings.sort(Comparator.comparingDouble(Setting::score)
			.reversed()
			.thenComparing(Comparator.comparingDouble(Setting::declined).reversed()));
		Setting best = settings.get(0);
		Setting now = setting(shuffled, judge(shuffled, models, current), current);
		List<CurvePoint> curve = new ArrayList<>();
		for (double share : new double[] { 0.25, 0.5, 0.75 }) {
			List<IntentModel> smaller = new ArrayList<>();
			for (int fold = 0; fold < folds; fold++) {
				smaller.add(IntentModel.train(training(shuffled, fold, share), best.properties(), analyzer));
			}
			curve.add(point(shuffled, smaller, best.properties(), share));
			progress.accept(String.format(Locale.ROOT, "learning curve at %.0f%%%n", share * 100));
		}
		curve.add(point(shuffled, models, best.properties(), 1.0));
		return new Result(examples.size(), folds, settings.size(), now, best, settings.subList(1, Math.min(6, settings.size())),
				curve);
	}

	/** The fold's training examples, or the first {@code share} of them (the order is already random). */
	private List<TrainingExample> training(List<TrainingExample> shuffled, int fold, double share) {
		List<TrainingExample> train = new ArrayList<>();
		for (int i = 0; i < shuffled.size(); i++) {
			if (i % folds != fold) {
				train.add(shuffled.get(i));
			}
		}
		return train.subList(0, (int) Math.round(train.size() * share));
	}

	private List<Judged> judge(List<TrainingExample> shuffled, List<IntentModel> models, NluProperties scoring) {
		List<IntentModel> scored = models.stream().map(m -> m.withProperties(scoring)).toList();
		List<Judged> judged = new ArrayList<>(shuffled.size());
		for (int i = 0; i < shuffled.size(); i++) {
			TrainingExample example = shuffled.get(i);
			Classification c = scored.get(i % folds).classify(example.text());
			boolean declines = declining.contains(example.intent());
			boolean rightIfAccepted = declines ? declining.contains(c.bestGuess()) : example.intent().equals(c.bestGuess());
			judged.add(new Judged(rightIfAccepted, declines, c.confidence(),
					c.margin(), c.coverage(), c.similarity(), !c.ranking().isEmpty()));
		}
		return judged;
	}

	private Setting setting(List<TrainingExample> shuffled, List<Judged> judged, NluProperties gates) {
		int[] answering = new int[2]; // right, all
		int[] declines = new int[2];
		int[] english = new int[2];
		for (int i = 0; i < judged.size(); i++) {
			Judged j = judged.get(i);
			boolean accepted = j.words() && j.confidence() >= gates.minConfidence() && j.margin() >= gates.minMargin()
					&& j.coverage() >= gates.minCoverage() && j.similarity() >= gates.minSimilarity();
			boolean right = accepted ? j.rightIfAccepted() : j.rightIfDeclined();
			int[] counts = declining.contains(shuffled.get(i).intent()) ? declines : answering;
			counts[1]++;
			if (right) {
				counts[0]++;
			}
			if (isEnglish.test(shuffled.get(i).text())) {
				english[1]++;
				english[0] += right ? 1 : 0;
			}
		}
		double answered = share(answering);
		double declined = share(declines);
		double score = declines[1] == 0 ? answered : (answered + declined) / 2;
		return new Setting(gates, score, answered, declined,
				(answering[0] + declines[0]) / (double) Math.max(1, answering[1] + declines[1]), share(english));
	}

	private CurvePoint point(List<TrainingExample> shuffled, List<IntentModel> models, NluProperties setting, double share) {
		Setting s = setting(shuffled, judge(shuffled, models, setting), setting);
		int trainingExamples = (int) Math.round(shuffled.size() * (folds - 1) / (double) folds * share);
		return new CurvePoint(share, trainingExamples, s.accuracy(), s.english());
	}

	private static double share(int[] counts) {
		return counts[1] == 0 ? 0 : counts[0] / (double) counts[1];
	}

	private static NluProperties with(NluProperties base, double confidence, double margin, double coverage, double similarity,
			double weight, int tail) {
		return new NluProperties(confidence, margin, coverage, similarity, weight, base.iterations(), tail);
	}

}
