package th.or.dga.budgetbot.intents;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonIgnore;

import th.or.dga.budgetbot.nlu.Classification;
import th.or.dga.budgetbot.nlu.IntentModel;
import th.or.dga.budgetbot.nlu.NluProperties;
import th.or.dga.budgetbot.nlu.TextAnalyzer;
import th.or.dga.budgetbot.nlu.TrainingExample;

/**
 * How well a catalog classifies: k-fold cross-validation over its own examples, and the held-out,
 * out-of-scope and must-pass test questions on the model trained from all of it. A message
 * counts as answered by an intent only if the classifier accepted it (confidence, margin,
 * coverage and similarity gates); out of scope, accepting it with an answering intent (not
 * an {@code unknown} one) is a false accept.
 */
public final class CatalogEvaluation {

	static final double[] THRESHOLDS = { 0.2, 0.3, 0.4, 0.5, 0.6, 0.7 };

	private final NluProperties properties;

	public CatalogEvaluation(NluProperties properties) {
		this.properties = properties;
	}

	/** Held-out, out-of-scope and must-pass results on a trained model: what the reload gate needs. */
	public Report quick(IntentCatalog catalog, IntentModel model, TestQuestions tests) {
		return report(catalog, model, tests, null);
	}

	/** Everything, cross-validation included: what {@code intents evaluate} prints. */
	public Report full(IntentCatalog catalog, IntentModel model, TestQuestions tests, int folds, long seed) {
		return report(catalog, model, tests, crossValidate(catalog, model.analyzer(), folds, seed));
	}

	private Report report(IntentCatalog catalog, IntentModel model, TestQuestions tests, Measure crossValidation) {
		Measure heldOut = measure(catalog, model, tests.heldOut());
		// crossValidation was measured with the same notion of "declines" (see Measure.of).
		int falseAccepts = 0;
		List<String> accepted = new ArrayList<>();
		for (String question : tests.outOfScope()) {
			Classification c = model.classify(question);
			if (c.accepted() && answers(catalog, c.bestGuess())) {
				falseAccepts++;
				accepted.add(c.bestGuess() + ": " + question);
			}
		}
		List<String> mustPassFailures = new ArrayList<>();
		for (TestQuestions.Labelled question : tests.mustPass()) {
			Classification c = model.classify(question.text());
			if (!c.accepted() || !question.intent().equals(c.bestGuess())) {
				mustPassFailures.add(question.intent() + " <- \"" + question.text() + "\" (got "
						+ (c.accepted() ? c.bestGuess() : "fallback") + String.format(" %.2f)", c.confidence()));
			}
		}
		double outOfScopeRate = tests.outOfScope().isEmpty() ? 0 : falseAccepts / (double) tests.outOfScope().size();
		TestQuestions.Independent independent = tests.independent();
		return new Report(catalog.contentHash(), catalog.intents().size(), catalog.trainingExamples().size(), heldOut,
				crossValidation, outOfScopeRate, tests.outOfScope().size(), accepted, mustPassFailures,
				declinedShare(catalog, model, tests.nearMisses()), tests.nearMisses().size(),
				1 - declinedShare(catalog, model, independent.inScope()), independent.inScope().size(),
				declinedShare(catalog, model, independent.nearMisses()), independent.nearMisses().size());
	}

	/**
	 * Share of the questions the model declines: the fallback, or an intent whose answer says
	 * "I do not have that". The independent set names no intents, so this is what the reload
	 * gate can judge of it; 0 for no questions.
	 */
	private static double declinedShare(IntentCatalog catalog, IntentModel model, List<String> questions) {
		if (questions.isEmpty()) {
			return 0;
		}
		long declined = questions.stream().map(model::classify).filter(c -> !c.accepted() || !answers(catalog, c.bestGuess())).count();
		return declined / (double) questions.size();
	}

	private static boolean answers(IntentCatalog catalog, String intent) {
		return catalog.intent(intent).map(i -> i.answer().kind() != AnswerKind.UNKNOWN).orElse(false);
	}

	/** Each fold read with the full model's analyzer, so that the admins' variant tables count too. */
	private Measure crossValidate(IntentCatalog catalog, TextAnalyzer analyzer, int folds, long seed) {
		List<TrainingExample> examples = new ArrayList<>(catalog.trainingExamples());
		Collections.shuffle(examples, new Random(seed));
		List<Outcome> outcomes = new ArrayList<>();
		for (int fold = 0; fold < folds; fold++) {
			List<TrainingExample> train = new ArrayList<>();
			List<TrainingExample> test = new ArrayList<>();
			for (int i = 0; i < examples.size(); i++) {
				(i % folds == fold ? test : train).add(examples.get(i));
			}
			IntentModel model = IntentModel.train(train, properties, analyzer);
			for (TrainingExample example : test) {
				outcomes.add(outcome(model, example.intent(), example.text()));
			}
		}
		return Measure.of(outcomes, declines(catalog));
	}

	/** Intents whose answer is "I do not have that": for their questions the fallback is as good. */
	static java.util.Set<String> declines(IntentCatalog catalog) {
		return catalog.intents()
			.stream()
			.filter(i -> i.answer().kind() == AnswerKind.UNKNOWN)
			.map(Intent::id)
			.collect(java.util.stream.Collectors.toSet());
	}

	private static Measure measure(IntentCatalog catalog, IntentModel model, List<TestQuestions.Labelled> questions) {
		List<Outcome> outcomes = new ArrayList<>();
		for (TestQuestions.Labelled question : questions) {
			outcomes.add(outcome(model, question.intent(), question.text()));
		}
		return Measure.of(outcomes, declines(catalog));
	}

	private static Outcome outcome(IntentModel model, String expected, String text) {
		Classification c = model.classify(text);
		return new Outcome(expected, c.accepted() ? c.bestGuess() : null, c.bestGuess(), c.confidence(), text);
	}

	/** One question: the intent expected, the one answered (null for the fallback), the best guess. */
	record Outcome(String expected, String answered, String bestGuess, double confidence, String text) {
	}

	/** Per-intent scores. */
	public record IntentScore(String intent, double precision, double recall, double f1, int support) {
	}

	/** Intent A answered as intent B, how often, with examples. */
	public record Confusion(String expected, String answered, int count, List<String> examples) {
	}

	/** At a confidence threshold: share answered correctly and share answered at all. */
	public record AtThreshold(double threshold, double accuracy, double answered) {
	}

	public record Measure(int questions, double accuracy, List<IntentScore> intents, List<Confusion> confusions,
			List<AtThreshold> thresholds) {

		/**
		 * @param declining intents that decline; a question expected there counts as right
		 *     when it is declined by any of them or by the fallback
		 */
		static Measure of(List<Outcome> outcomes, java.util.Set<String> declining) {
			Map<String, int[]> counts = new TreeMap<>(); // tp, fp, fn
			Map<String, List<String>> confused = new TreeMap<>();
			int correct = 0;
			for (Outcome o : outcomes) {
				String got = o.answered() == null ? "(fallback)" : o.answered();
				counts.computeIfAbsent(o.expected(), k -> new int[3]);
				boolean declined = declining.contains(o.expected()) && (o.answered() == null || declining.contains(o.answered()));
				if (declined) {
					got = o.expected();
				}
				if (o.expected().equals(got)) {
					correct++;
					counts.get(got)[0]++;
				}
				else {
					counts.get(o.expected())[2]++;
					counts.computeIfAbsent(got, k -> new int[3])[1]++;
					confused.computeIfAbsent(o.expected() + " -> " + got, k -> new ArrayList<>()).add(o.text());
				}
			}
			List<IntentScore> scores = new ArrayList<>();
			counts.forEach((intent, c) -> {
				int support = c[0] + c[2];
				if (support > 0) {
					double p = c[0] + c[1] == 0 ? 0 : c[0] / (double) (c[0] + c[1]);
					double r = c[0] / (double) support;
					scores.add(new IntentScore(intent, p, r, p + r == 0 ? 0 : 2 * p * r / (p + r), support));
				}
			});
			List<Confusion> confusions = confused.entrySet()
				.stream()
				.map(e -> new Confusion(e.getKey().split(" -> ")[0], e.getKey().split(" -> ")[1], e.getValue().size(),
						e.getValue().stream().limit(3).toList()))
				.sorted((a, b) -> Integer.compare(b.count(), a.count()))
				.toList();
			List<AtThreshold> thresholds = new ArrayList<>();
			for (double t : THRESHOLDS) {
				long right = outcomes.stream().filter(o -> o.confidence() >= t && o.expected().equals(o.bestGuess())).count();
				long answered = outcomes.stream().filter(o -> o.confidence() >= t).count();
				thresholds.add(new AtThreshold(t, outcomes.isEmpty() ? 0 : right / (double) outcomes.size(),
						outcomes.isEmpty() ? 0 : answered / (double) outcomes.size()));
			}
			return new Measure(outcomes.size(), outcomes.isEmpty() ? 0 : correct / (double) outcomes.size(), scores, confusions,
					thresholds);
		}

	}

	/**
	 * @param crossValidation k-fold over the catalog's own examples, or null when not run
	 * @param outOfScopeAccepted share of out-of-scope questions answered by an answering intent
	 * @param nearMissDeclined share of near-miss.tsv declined (fallback or an "I do not have that" intent)
	 * @param independentAnswered share of independent.tsv's in-scope questions not declined (0 for none)
	 * @param independentDeclined share of independent.tsv's near misses declined (0 for none)
	 */
	public record Report(String catalog, int intents, int examples, Measure heldOut, Measure crossValidation,
			double outOfScopeAccepted, int outOfScopeQuestions, List<String> outOfScopeAnswered, List<String> mustPassFailures,
			double nearMissDeclined, int nearMisses, @JsonIgnore double independentAnswered, @JsonIgnore int independentInScope,
			@JsonIgnore double independentDeclined, @JsonIgnore int independentNearMisses) {

		/**
		 * A summary line, as versions list it. The independent set's figures are left out here
		 * and in {@link #render()}: whoever tunes the catalog should not watch them move; the
		 * reload gate names them only when they drop.
		 */
		public String summary() {
			return String.format("held-out %.3f (%d), out-of-scope accepted %.3f, must-pass failures %d", heldOut.accuracy(),
					heldOut.questions(), outOfScopeAccepted, mustPassFailures.size());
		}

		public String render() {
			StringBuilder out = new StringBuilder();
			out.append(String.format("Catalog %s: %d intents, %d examples%n", catalog.substring(0, 12), intents, examples));
			if (crossValidation != null) {
				out.append(String.format("%nCross-validation: %d examples, top-1 accuracy %.3f%n", crossValidation.questions(),
						crossValidation.accuracy()));
				table(out, crossValidation);
			}
			out.append(String.format("%nHeld-out: %d questions, top-1 accuracy %.3f%n", heldOut.questions(), heldOut.accuracy()));
			table(out, heldOut);
			out.append(String.format("%nOut of scope: %d questions, %.3f answered from facts%n", outOfScopeQuestions,
					outOfScopeAccepted));
			outOfScopeAnswered.forEach(a -> out.append("  ").append(a).append('\n'));
			out.append(String.format("%nNear misses: %d questions, %.3f declined%n", nearMisses, nearMissDeclined));
			out.append(String.format("%nMust-pass failures: %d%n", mustPassFailures.size()));
			mustPassFailures.forEach(f -> out.append("  ").append(f).append('\n'));
			return out.toString();
		}

		private static void table(StringBuilder out, Measure measure) {
			out.append(String.format("%-24s %9s %7s %7s %7s%n", "intent", "precision", "recall", "f1", "support"));
			for (IntentScore s : measure.intents()) {
				out.append(String.format("%-24s %9.2f %7.2f %7.2f %7d%n", s.intent(), s.precision(), s.recall(), s.f1(), s.support()));
			}
			out.append("Confusions (expected -> answered, count, examples):\n");
			measure.confusions().stream().limit(15).forEach(c -> out.append(String.format("  %s -> %s  %d  %s%n", c.expected(),
					c.answered(), c.count(), c.examples())));
			out.append("Accuracy at confidence thresholds (correct / answered):\n");
			for (AtThreshold t : measure.thresholds()) {
				out.append(String.format("  >= %.1f: %.3f / %.3f%n", t.threshold(), t.accuracy(), t.answered()));
			}
		}

	}

}
