package th.or.dga.budgetbot.intents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalog's test questions ({@code intents/tests/}), never trained on: held-out in-scope
 * questions with their intent ({@code heldout.tsv}), questions to decline ({@code out-of-scope.tsv},
 * {@code near-miss.tsv}), must-pass questions, and the independent author's set
 * ({@code independent.tsv}: kind, register, traits, question, must, facts). A missing file is
 * an empty set. Every question keeps where it was read ({@link #all()}), so that a check can
 * point at its line.
 */
public record TestQuestions(List<Labelled> heldOut, List<String> outOfScope, List<Labelled> mustPass, List<String> nearMisses,
		Independent independent, List<Located> all) {

	static final String HELD_OUT = "heldout.tsv";

	static final String OUT_OF_SCOPE = "out-of-scope.tsv";

	static final String NEAR_MISS = "near-miss.tsv";

	static final String MUST_PASS = "must-pass.tsv";

	static final String INDEPENDENT = "independent.tsv";

	/** The column of {@code independent.tsv} that holds the question (0-based). */
	private static final int INDEPENDENT_QUESTION = 3;

	public TestQuestions(List<Labelled> heldOut, List<String> outOfScope, List<Labelled> mustPass) {
		this(heldOut, outOfScope, mustPass, List.of(), Independent.NONE, List.of());
	}

	public record Labelled(String intent, String text) {
	}

	/** A test question and where it is: the file and its line (1-based). */
	public record Located(Path file, int line, String text) {

		@Override
		public String toString() {
			return file + ":" + line;
		}

	}

	/**
	 * The independent set by kind. Its in-scope rows name no intent (the author never saw the
	 * catalog): one is right when it is not declined; a near miss is right when it is declined.
	 */
	public record Independent(List<String> inScope, List<String> nearMisses, List<String> outOfScope) {

		static final Independent NONE = new Independent(List.of(), List.of(), List.of());

		public boolean isEmpty() {
			return inScope.isEmpty() && nearMisses.isEmpty() && outOfScope.isEmpty();
		}

	}

	/** No test questions: a catalog folder without {@code tests/}. */
	public static TestQuestions none() {
		return new TestQuestions(List.of(), List.of(), List.of());
	}

	public static TestQuestions load(Path directory) {
		List<Located> all = new ArrayList<>();
		List<Row> heldOut = rows(directory.resolve(HELD_OUT), all, 1);
		List<Row> outOfScope = rows(directory.resolve(OUT_OF_SCOPE), all, 1);
		List<Row> nearMisses = rows(directory.resolve(NEAR_MISS), all, 1);
		List<Row> mustPass = rows(directory.resolve(MUST_PASS), all, 1);
		List<Row> independent = rows(directory.resolve(INDEPENDENT), all, INDEPENDENT_QUESTION);
		return new TestQuestions(labelled(heldOut), texts(outOfScope), labelled(mustPass), texts(nearMisses),
				new Independent(independentOfKind(independent, "in-scope"), independentOfKind(independent, "near-miss"),
						independentOfKind(independent, "out-of-scope")),
				List.copyOf(all));
	}

	/** One line of a test file: its columns, and the question in them. */
	private record Row(String[] columns, String question) {
	}

	/**
	 * The rows of a tab-separated file whose question is in column {@code questionColumn};
	 * blank lines, comments ({@code #}) and a header (a first line starting with "kind") are
	 * skipped, and so are lines without that column.
	 */
	private static List<Row> rows(Path file, List<Located> all, int questionColumn) {
		if (!Files.isRegularFile(file)) {
			return List.of();
		}
		List<String> lines;
		try {
			lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		List<Row> rows = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.isBlank() || line.startsWith("#") || (i == 0 && line.startsWith("kind\t"))) {
				continue;
			}
			String[] columns = line.split("\t", -1);
			if (columns.length <= questionColumn || columns[questionColumn].isBlank()) {
				continue;
			}
			String question = columns[questionColumn].strip();
			rows.add(new Row(columns, question));
			all.add(new Located(file, i + 1, question));
		}
		return rows;
	}

	private static List<Labelled> labelled(List<Row> rows) {
		return rows.stream().map(r -> new Labelled(r.columns()[0].strip(), r.question())).toList();
	}

	private static List<String> texts(List<Row> rows) {
		return rows.stream().map(Row::question).toList();
	}

	private static List<String> independentOfKind(List<Row> rows, String kind) {
		return rows.stream().filter(r -> r.columns()[0].strip().equals(kind)).map(Row::question).toList();
	}

}
