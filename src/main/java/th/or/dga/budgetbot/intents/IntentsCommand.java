package th.or.dga.budgetbot.intents;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import th.or.dga.budgetbot.nlu.NluProperties;

/**
 * {@code java -jar app.jar intents validate [DIR]} and {@code intents evaluate [DIR] [--json FILE]}:
 * for admins and CI before deploying a catalog, without starting the bot. Exit code 0 when the
 * catalog is valid, 1 when it is not, 2 for a wrong command line.
 */
public final class IntentsCommand {

	private static final String USAGE = """
			usage: java -jar app.jar intents validate [DIR] [--facts FILE]
			       java -jar app.jar intents evaluate [DIR] [--facts FILE] [--folds N] [--json FILE]
			DIR defaults to intents, FILE of --facts to config/facts.yml; test questions are read from DIR/tests.""";

	private IntentsCommand() {
	}

	/** Outside Spring, logback would print OpenNLP's training chatter at DEBUG. */
	private static void quietLogging() {
		if (org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
			root.setLevel(ch.qos.logback.classic.Level.WARN);
		}
	}

	public static int run(List<String> args, PrintStream out, PrintStream err) {
		quietLogging();
		if (args.isEmpty() || !List.of("validate", "evaluate").contains(args.get(0))) {
			err.println(USAGE);
			return 2;
		}
		Path dir = Path.of("intents");
		Path facts = Path.of("config/facts.yml");
		Path json = null;
		int folds = 5;
		List<String> rest = new ArrayList<>(args.subList(1, args.size()));
		try {
			for (int i = 0; i < rest.size(); i++) {
				switch (rest.get(i)) {
					case "--facts" -> facts = Path.of(rest.get(++i));
					case "--json" -> json = Path.of(rest.get(++i));
					case "--folds" -> folds = Integer.parseInt(rest.get(++i));
					default -> {
						if (rest.get(i).startsWith("--")) {
							throw new IllegalArgumentException(rest.get(i));
						}
						dir = Path.of(rest.get(i));
					}
				}
			}
		}
		catch (RuntimeException e) {
			err.println("wrong argument: " + e.getMessage());
			err.println(USAGE);
			return 2;
		}
		IntentCatalog catalog;
		th.or.dga.budgetbot.nlu.SpellingVariants variants;
		try {
			catalog = new IntentCatalogLoader(ProgrammeFacts.ids(facts)).load(dir);
			variants = VariantTables.read(dir);
		}
		catch (InvalidCatalog e) {
			err.println(dir + ": " + e.problems().size() + " error(s)");
			e.problems().forEach(p -> err.println("  " + p));
			return 1;
		}
		out.printf("%s: %d intents, %d examples, valid%n", dir, catalog.intents().size(), catalog.trainingExamples().size());
		if (args.get(0).equals("validate")) {
			return 0;
		}
		NluProperties nlu = NluProperties.defaults();
		var model = th.or.dga.budgetbot.nlu.IntentModel.train(catalog.trainingExamples(), nlu, 
				new th.or.dga.budgetbot.nlu.TextAnalyzer(variants));
		CatalogEvaluation.Report report = new CatalogEvaluation(nlu).full(catalog, model, TestQuestions.load(dir.resolve("tests")),
				folds, 42);
		out.print(report.render());
		if (json != null) {
			try {
				new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(Files.newOutputStream(json), report);
				out.println("JSON report written to " + json);
			}
			catch (java.io.IOException e) {
				err.println("cannot write " + json + ": " + e.getMessage());
				return 1;
			}
		}
		return 0;
	}

}
