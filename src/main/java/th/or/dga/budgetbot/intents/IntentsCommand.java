package th.or.dga.budgetbot.intents;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import th.or.dga.budgetbot.nlu.GateTuning;
import th.or.dga.budgetbot.nlu.IntentModel;
import th.or.dga.budgetbot.nlu.NluProperties;
import th.or.dga.budgetbot.nlu.TextAnalyzer;

/**
 * {@code java -jar app.jar intents validate|evaluate|tune [DIR]}: for admins and CI before
 * deploying a catalog, without starting the bot. {@code validate} checks the intent files and
 * that no test question near-duplicates a training example; {@code evaluate} measures the
 * catalog; {@code tune} chooses the classifier's gates by cross-validation on the training
 * examples alone. Settings come from the {@code application.yml} the jar carries ({@code app.nlu},
 * {@code app.intents.max-test-similarity}). Exit code 0 when the catalog is valid, 1 when it is
 * not, 2 for a wrong command line.
 */
public final class IntentsCommand {

	private static final String USAGE = """
			usage: java -jar app.jar intents validate [DIR] [--facts FILE]
			       java -jar app.jar intents evaluate [DIR] [--facts FILE] [--folds N] [--json FILE]
			       java -jar app.jar intents tune [DIR] [--facts FILE] [--folds N]
			DIR defaults to intents, FILE of --facts to config/facts.yml; test questions are read from DIR/tests.""";

	private static final List<String> COMMANDS = List.of("validate", "evaluate", "tune");

	/** When application.yml does not set app.intents.max-test-similarity. */
	static final double DEFAULT_MAX_TEST_SIMILARITY = 0.8;

	private IntentsCommand() {
	}

	/** The command line, parsed. */
	private record Options(String command, Path dir, Path facts, Path json, int folds) {

		static Options parse(List<String> args) {
			if (args.isEmpty() || !COMMANDS.contains(args.get(0))) {
				throw new IllegalArgumentException("a command: " + COMMANDS);
			}
			Path dir = Path.of("intents");
			Path facts = Path.of("config/facts.yml");
			Path json = null;
			int folds = 5;
			List<String> rest = args.subList(1, args.size());
			for (int i = 0; i < rest.size(); i++) {
				switch (rest.get(i)) {
					case "--facts" -> facts = Path.of(value(rest, ++i));
					case "--json" -> json = Path.of(value(rest, ++i));
					case "--folds" -> folds = Integer.parseInt(value(rest, ++i));
					default -> {
						if (rest.get(i).startsWith("--")) {
							throw new IllegalArgumentException(rest.get(i));
						}
						dir = Path.of(rest.get(i));
					}
				}
			}
			if (folds < 2 || folds > 20) {
				throw new IllegalArgumentException("--folds must be 2..20, got " + folds);
			}
			return new Options(args.get(0), dir, facts, json, folds);
		}

		private static String value(List<String> rest, int i) {
			if (i >= rest.size()) {
				throw new IllegalArgumentException(rest.get(i - 1) + " needs a value");
			}
			return rest.get(i);
		}

	}

	/** Outside Spring, logback would print OpenNLP's training chatter at DEBUG. */
	private static void quietLogging() {
		if (org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
			root.setLevel(ch.qos.logback.classic.Level.WARN);
		}
	}

	public static int run(List<String> args, PrintStream out, PrintStream err) {
		quietLogging();
		Options options;
		try {
			options = Options.parse(args);
		}
		catch (RuntimeException e) {
			err.println("wrong argument: " + e.getMessage());
			err.println(USAGE);
			return 2;
		}
		Binder settings = applicationSettings();
		NluProperties nlu = settings.bind("app.nlu", NluProperties.class).orElseGet(NluProperties::defaults);
		double maxTestSimilarity = settings.bind("app.intents.max-test-similarity", Double.class)
			.orElse(DEFAULT_MAX_TEST_SIMILARITY);
		IntentCatalog catalog;
		th.or.dga.budgetbot.nlu.SpellingVariants variants;
		try {
			catalog = new IntentCatalogLoader(ProgrammeFacts.ids(options.facts())).load(options.dir());
			variants = VariantTables.read(options.dir());
		}
		catch (InvalidCatalog e) {
			return problems(err, options.dir().toString(), e.problems());
		}
		out.printf("%s: %d intents, %d examples, valid%n", options.dir(), catalog.intents().size(), catalog.trainingExamples().size());
		TestQuestions tests = TestQuestions.load(options.dir().resolve("tests"));
		List<String> nearDuplicates = new HeldOutCheck(maxTestSimilarity).problems(catalog.trainingExamples(), tests.all());
		return switch (options.command()) {
			case "validate" -> {
				if (!nearDuplicates.isEmpty()) {
					yield problems(err, options.dir().resolve("tests").toString(), nearDuplicates);
				}
				out.printf("%s: %d test questions, none near-duplicates a training example (limit %.2f)%n",
						options.dir().resolve("tests"), tests.all().size(), maxTestSimilarity);
				yield 0;
			}
			case "evaluate" -> {
				if (!nearDuplicates.isEmpty()) {
					err.printf("warning: %d test question(s) near-duplicate a training example; "
							+ "`intents validate` names them%n", nearDuplicates.size());
				}
				yield evaluate(catalog, tests, nlu, variants, options, out, err);
			}
			default -> tune(catalog, nlu, variants, options, out);
		};
	}

	private static int problems(PrintStream err, String where, List<String> problems) {
		err.println(where + ": " + problems.size() + " error(s)");
		problems.forEach(p -> err.println("  " + p));
		return 1;
	}

	private static int evaluate(IntentCatalog catalog, TestQuestions tests, NluProperties nlu,
			th.or.dga.budgetbot.nlu.SpellingVariants variants, Options options, PrintStream out,
			PrintStream err) {
		IntentModel model = IntentModel.train(catalog.trainingExamples(), nlu, new TextAnalyzer(variants));
		CatalogEvaluation.Report report = new CatalogEvaluation(nlu).full(catalog, model, tests, options.folds(), 42);
		out.print(report.render());
		if (options.json() != null) {
			try {
				new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(Files.newOutputStream(options.json()), report);
				out.println("JSON report written to " + options.json());
			}
			catch (IOException e) {
				err.println("cannot write " + options.json() + ": " + e.getMessage());
				return 1;
			}
		}
		return 0;
	}

	private static int tune(IntentCatalog catalog, NluProperties nlu, th.or.dga.budgetbot.nlu.SpellingVariants variants,
			Options options, PrintStream out) {
		java.util.Set<String> english = new java.util.HashSet<>();
		catalog.intents().forEach(i -> english.addAll(i.englishExamples()));
		GateTuning tuning = new GateTuning(catalog.trainingExamples(), CatalogEvaluation.declines(catalog), english::contains,
				options.folds(), 42, new TextAnalyzer(variants));
		out.print(tuning.run(nlu, GateTuning.Grid.standard(), out::print).render());
		return 0;
	}

	/** The application.yml the jar carries: the same defaults the running bot starts from. */
	private static Binder applicationSettings() {
		try {
			var sources = new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"));
			return new Binder(ConfigurationPropertySources.from(sources));
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot read application.yml from the classpath", e);
		}
	}

}
