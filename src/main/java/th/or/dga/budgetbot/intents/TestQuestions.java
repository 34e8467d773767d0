package th.or.dga.budgetbot.intents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The catalog's test questions ({@code intents/tests/}): held-out in-scope questions with their
 * intent, out-of-scope questions, and must-pass questions. A missing file is an empty set.
 */
public record TestQuestions(List<Labelled> heldOut, List<String> outOfScope, List<Labelled> mustPass) {

	public record Labelled(String intent, String text) {
	}

	public static TestQuestions load(Path directory) {
		return new TestQuestions(labelled(directory.resolve("heldout.tsv")),
				labelled(directory.resolve("out-of-scope.tsv")).stream().map(Labelled::text).toList(),
				labelled(directory.resolve("must-pass.tsv")));
	}

	private static List<Labelled> labelled(Path file) {
		if (!Files.isRegularFile(file)) {
			return List.of();
		}
		try {
			return Files.readAllLines(file, StandardCharsets.UTF_8)
				.stream()
				.filter(line -> !line.isBlank() && !line.startsWith("#"))
				.map(line -> line.split("\t", 2))
				.filter(parts -> parts.length == 2)
				.map(parts -> new Labelled(parts[0].strip(), parts[1].strip()))
				.toList();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
