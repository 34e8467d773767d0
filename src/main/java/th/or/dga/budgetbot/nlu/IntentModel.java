package th.or.dga.budgetbot.nlu;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import opennlp.tools.doccat.BagOfWordsFeatureGenerator;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.BinaryFileDataReader;
import opennlp.tools.ml.model.GenericModelReader;
import opennlp.tools.ml.model.GenericModelWriter;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;

/**
 * A trained classifier: an OpenNLP maxent (quasi-Newton) document categorizer and a
 * nearest-example similarity index over the same features, trained in memory from the
 * catalog's examples. Immutable and safe to share across threads (the categorizer's
 * feature generators are stateless); a reload builds a new model and swaps it in whole.
 */
public final class IntentModel {

	private final MaxentModel maxent;

	private final DocumentCategorizerME categorizer;

	private final SimilarityIndex similarity;

	private final KnownWords knownWords;

	/** Training document frequency of each word, for the weighted coverage. */
	private final Map<String, Integer> documentFrequency;

	private final int documents;

	private final NluProperties properties;

	private final TextAnalyzer analyzer;

	private IntentModel(DoccatModel model, TrainingSet set, TextAnalyzer analyzer) {
		this.maxent = model.getMaxentModel();
		this.categorizer = new DocumentCategorizerME(model);
		this.similarity = new SimilarityIndex(set.intents(), set.tokens());
		this.documentFrequency = set.documentFrequency();
		this.knownWords = new KnownWords(documentFrequency);
		this.documents = set.size();
		this.properties = set.properties();
		this.analyzer = analyzer;
	}

	private IntentModel(IntentModel trained, NluProperties properties) {
		this.maxent = trained.maxent;
		this.categorizer = trained.categorizer;
		this.similarity = trained.similarity;
		this.documentFrequency = trained.documentFrequency;
		this.knownWords = trained.knownWords;
		this.documents = trained.documents;
		this.properties = properties;
		this.analyzer = trained.analyzer;
	}

	/**
	 * This trained model, classifying with other gates and scoring settings (their
	 * {@code iterations} are ignored): tuning tries many settings on one training.
	 */
	public IntentModel withProperties(NluProperties properties) {
		return new IntentModel(this, properties);
	}

	public static IntentModel train(List<TrainingExample> examples, NluProperties properties, TextAnalyzer analyzer) {
		return train(TrainingSet.of(examples, properties, analyzer), analyzer);
	}

	public static IntentModel train(TrainingSet set, TextAnalyzer analyzer) {
		List<DocumentSample> samples = new ArrayList<>(set.size());
		for (int i = 0; i < set.size(); i++) {
			samples.add(new DocumentSample(set.intents().get(i), set.tokens().get(i).toArray(String[]::new)));
		}
		TrainingParameters parameters = new TrainingParameters();
		parameters.put(TrainingParameters.ALGORITHM_PARAM, "MAXENT_QN");
		// Left unset, OpenNLP silently uses Cutoff=5 and drops most features of a small corpus.
		parameters.put(TrainingParameters.CUTOFF_PARAM, 1);
		parameters.put(TrainingParameters.ITERATIONS_PARAM, set.properties().iterations());
		try {
			DoccatModel model = DocumentCategorizerME.train("th", ObjectStreamUtils.createObjectStream(samples),
					parameters, new DoccatFactory(featureGenerators()));
			return new IntentModel(model, set, analyzer);
		}
		catch (IOException e) {
			throw new UncheckedIOException("training the intent model failed", e);
		}
	}

	/**
	 * The model trained earlier from this set, from its {@link #weights()}: the same
	 * classifications as {@link #train(TrainingSet, TextAnalyzer)} gives, without the training.
	 *
	 * @throws IOException if the bytes are not such weights, or not for this set's intents
	 */
	public static IntentModel restore(TrainingSet set, byte[] weights, TextAnalyzer analyzer) throws IOException {
		AbstractModel maxent;
		try {
			maxent = new GenericModelReader(new BinaryFileDataReader(new ByteArrayInputStream(weights))).getModel();
		}
		catch (RuntimeException e) {
			throw new IOException("not the weights of an intent model: " + e, e);
		}
		Set<String> outcomes = new HashSet<>();
		for (int i = 0; i < maxent.getNumOutcomes(); i++) {
			outcomes.add(maxent.getOutcome(i));
		}
		if (!outcomes.equals(new HashSet<>(set.intents()))) {
			throw new IOException("the weights are for other intents than the training set's");
		}
		DoccatModel model = new DoccatModel("th", maxent, new HashMap<>(), new DoccatFactory(featureGenerators()));
		return new IntentModel(model, set, analyzer);
	}

	/** The maxent model's parameters in OpenNLP's binary format: what {@link #restore} reads. */
	public byte[] weights() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			new GenericModelWriter((AbstractModel) maxent, out).persist();
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot happen writing to memory", e);
		}
		return bytes.toByteArray();
	}

	private static FeatureGenerator[] featureGenerators() {
		return new FeatureGenerator[] { new BagOfWordsFeatureGenerator(), new WordBigramFeatureGenerator(),
				new CharNgramFeatureGenerator() };
	}

	public Classification classify(String message) {
		TextAnalyzer.AnalyzedText text = analyzer.analyze(message);
		Classification best = classify(text);
		if (text.tokens().size() <= properties.tailWords()) {
			return best;
		}
		// A long message: the question usually comes after the story, so its last words and the
		// parts after a question opener are classified too, with the whole message's years and ids.
		best = better(best, classify(text.tail(properties.tailWords())));
		for (String part : QuestionPart.candidates(analyzer.clean(message))) {
			best = better(best, classify(text.withTokens(analyzer.analyze(part).tokens())));
		}
		return best;
	}

	/** The accepted one before the refused one, then the more confident. */
	private static Classification better(Classification current, Classification candidate) {
		if (candidate.accepted() != current.accepted()) {
			return candidate.accepted() ? candidate : current;
		}
		return candidate.confidence() > current.confidence() ? candidate : current;
	}

	/** The analyzer this model reads messages with: training and evaluation must read examples with it too. */
	public TextAnalyzer analyzer() {
		return analyzer;
	}

	private Classification classify(TextAnalyzer.AnalyzedText text) {
		List<String> tokens = knownWords.correct(text.tokens());
		if (tokens.isEmpty()) {
			return new Classification(List.of(), 0, 0, false, text.mentions(), text.language());
		}
		double[] probabilities = categorizer.categorize(tokens.toArray(String[]::new));
		Map<String, Double> nearest = similarity.bestPerIntent(tokens);
		double weight = properties.similarityWeight();
		List<Classification.Scored> ranking = new ArrayList<>(probabilities.length);
		for (int i = 0; i < probabilities.length; i++) {
			String intent = categorizer.getCategory(i);
			double score = (1 - weight) * probabilities[i] + weight * nearest.getOrDefault(intent, 0.0);
			ranking.add(new Classification.Scored(intent, score));
		}
		ranking.sort(Comparator.comparingDouble(Classification.Scored::score).reversed());
		List<Classification.Scored> top = List.copyOf(ranking.subList(0, Math.min(3, ranking.size())));
		double coverage = coverage(tokens);
		double nearestOfBest = nearest.getOrDefault(top.get(0).intent(), 0.0);
		Classification result = new Classification(top, coverage, nearestOfBest, false, text.mentions(), text.language());
		boolean accepted = Refusal.of(result, properties).isEmpty();
		return new Classification(top, coverage, nearestOfBest, accepted, text.mentions(), text.language());
	}

	/**
	 * Why a classification of this model led to no intent: the gate that refused it, or, when it
	 * passed every gate, {@link Refusal#NOT_IN_CATALOG}.
	 */
	public Refusal refusal(Classification classification) {
		return Refusal.of(classification, properties).orElse(Refusal.NOT_IN_CATALOG);
	}

	/**
	 * Share of the message's words the training examples know, each word weighted by how rare
	 * it is there: ICU breaks an unknown subject into short common words (วันนี้, ไหม, ยังไง)
	 * that every intent knows, and those must not make a weather question look familiar.
	 * A word never seen weighs as much as the rarest seen word. In a message of at least
	 * {@value #FORGIVE_FROM} words one unknown word is left out: a name, a typo or an English
	 * word in an otherwise clear question must not make it look foreign, while a question about
	 * another subject has more than one.
	 */
	double coverage(List<String> tokens) {
		double known = 0;
		double all = 0;
		double unknownWeight = 0;
		for (String token : tokens) {
			int df = documentFrequency.getOrDefault(token, 0);
			double weight = Math.log(1.0 + documents / (double) Math.max(df, 1));
			all += weight;
			if (df > 0) {
				known += weight;
			}
			else {
				unknownWeight = weight;
			}
		}
		if (tokens.size() >= FORGIVE_FROM) {
			all -= unknownWeight;
		}
		return all <= 0 ? 0 : known / all;
	}

	static final int FORGIVE_FROM = 6;

	public Set<String> intents() {
		Set<String> intents = new HashSet<>();
		for (int i = 0; i < categorizer.getNumberOfCategories(); i++) {
			intents.add(categorizer.getCategory(i));
		}
		return intents;
	}

}
