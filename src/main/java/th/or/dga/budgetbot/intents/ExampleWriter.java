package th.or.dga.budgetbot.intents;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import th.or.dga.budgetbot.language.Language;

/**
 * Adds examples to an intent file: Thai ones at the end of {@code examples: th:}, the others at
 * the end of {@code examples: en:}.
 * <p>
 * The questions come from users, so their text is never glued into YAML by hand: each new
 * line is {@code - } followed by a double-quoted scalar that SnakeYAML's emitter writes (it
 * escapes quotes, backslashes, line breaks, tabs and anything unprintable, and writes it on one
 * line). Only lines are inserted, after the last item that the YAML parser itself located, so
 * the admin's comments and layout stay as they were. The result is then parsed and must equal
 * the old file with exactly these examples appended; anything else is refused.
 */
final class ExampleWriter {

	private ExampleWriter() {
	}

	/**
	 * The file with the questions added as examples, verified; {@link AssignmentRefused} if
	 * they cannot be added without changing anything else.
	 */
	static String add(String fileName, String file, List<String> questions) {
		List<String> thai = questions.stream().filter(q -> Language.of(q) == Language.TH).toList();
		List<String> english = questions.stream().filter(q -> Language.of(q) != Language.TH).toList();
		List<Insertion> insertions = new ArrayList<>();
		MappingNode examples = examplesNode(fileName, file);
		if (!thai.isEmpty()) {
			insertions.add(insertion(fileName, examples, "th", thai));
		}
		if (!english.isEmpty()) {
			insertions.add(insertion(fileName, examples, "en", english));
		}
		List<String> lines = new ArrayList<>(Arrays.asList(file.split("\n", -1)));
		// From the bottom up, so that an insertion does not move the line of the next one.
		insertions.sort(Comparator.comparingInt(Insertion::afterLine).reversed());
		for (Insertion insertion : insertions) {
			String previous = lines.get(insertion.afterLine());
			String lineEnd = previous.endsWith("\r") ? "\r" : "";
			String indent = " ".repeat(insertion.column());
			lines.addAll(insertion.afterLine() + 1, insertion.items().stream().map(q -> indent + "- " + scalar(q) + lineEnd).toList());
		}
		String updated = String.join("\n", lines);
		verify(fileName, file, updated, thai, english);
		return updated;
	}

	/**
	 * Refuses (AssignmentRefused) unless {@code after}, parsed, is {@code before} with exactly
	 * these examples appended to its lists and nothing else different.
	 */
	static void verify(String fileName, String before, String after, List<String> thai, List<String> english) {
		Object old;
		try {
			old = IntentCatalogLoader.yaml().load(before);
		}
		catch (YAMLException e) {
			throw new AssignmentRefused(fileName + ": is not valid YAML (" + oneLine(e) + "); fix it before assigning questions to it");
		}
		Object expected = withExamples(fileName, old, thai, english);
		Object actual;
		try {
			actual = IntentCatalogLoader.yaml().load(after);
		}
		catch (YAMLException e) {
			throw new AssignmentRefused(fileName + ": adding the questions would make the file invalid (" + oneLine(e)
					+ "); nothing was changed: add them by hand");
		}
		if (!Objects.equals(expected, actual)) {
			throw new AssignmentRefused(fileName + ": adding the questions would change more than its examples; "
					+ "nothing was changed: add them by hand");
		}
	}

	/** One line, every character escaped by the YAML library as the YAML spec needs it. */
	static String scalar(String text) {
		DumperOptions options = new DumperOptions();
		options.setDefaultScalarStyle(DumperOptions.ScalarStyle.DOUBLE_QUOTED);
		options.setSplitLines(false);
		options.setWidth(Integer.MAX_VALUE);
		// Thai stays readable in the file; what is not printable is escaped all the same.
		options.setAllowUnicode(true);
		StringWriter out = new StringWriter();
		new Yaml(options).serialize(new ScalarNode(Tag.STR, text, null, null, DumperOptions.ScalarStyle.DOUBLE_QUOTED), out);
		String scalar = out.toString().stripTrailing();
		if (scalar.indexOf('\n') >= 0 || scalar.indexOf('\r') >= 0) {
			throw new IllegalStateException("the YAML emitter wrote a scalar on more than one line");
		}
		return scalar;
	}

	private record Insertion(int afterLine, int column, List<String> items) {
	}

	private static MappingNode examplesNode(String fileName, String file) {
		Node root;
		try {
			root = IntentCatalogLoader.yaml().compose(new StringReader(file));
		}
		catch (YAMLException e) {
			throw new AssignmentRefused(fileName + ": is not valid YAML; fix it before assigning questions to it");
		}
		if (value(root, "examples") instanceof MappingNode examples) {
			return examples;
		}
		throw new AssignmentRefused(fileName + ": has no 'examples:' mapping with 'th:' and 'en:' lists");
	}

	private static Insertion insertion(String fileName, MappingNode examples, String language, List<String> items) {
		if (!(value(examples, language) instanceof SequenceNode list) || list.getValue().isEmpty()) {
			throw new AssignmentRefused(fileName + ": has no 'examples: " + language + ":' list to add questions to");
		}
		if (list.getFlowStyle() == DumperOptions.FlowStyle.FLOW) {
			throw new AssignmentRefused(fileName + ": 'examples: " + language
					+ ":' is written as [a, b, ...]; write it one '- example' per line to assign questions to it");
		}
		Node last = list.getValue().get(list.getValue().size() - 1);
		int line = last.getEndMark().getLine();
		// A block scalar ends at the start of the line after it.
		if (last.getEndMark().getColumn() == 0 && line > last.getStartMark().getLine()) {
			line--;
		}
		return new Insertion(line, list.getStartMark().getColumn(), items);
	}

	private static Node value(Node mapping, String key) {
		if (mapping instanceof MappingNode map) {
			for (NodeTuple tuple : map.getValue()) {
				if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
					return tuple.getValueNode();
				}
			}
		}
		return null;
	}

	private static String oneLine(YAMLException e) {
		return String.valueOf(e.getMessage()).replace('\n', ' ');
	}

	private static Object withExamples(String fileName, Object file, List<String> thai, List<String> english) {
		if (!(file instanceof Map<?, ?> map) || !(map.get("examples") instanceof Map<?, ?> examples)) {
			throw new AssignmentRefused(fileName + ": has no 'examples:' mapping with 'th:' and 'en:' lists");
		}
		Map<Object, Object> newExamples = new LinkedHashMap<>(examples);
		if (!thai.isEmpty()) {
			newExamples.put("th", appended(examples.get("th"), thai));
		}
		if (!english.isEmpty()) {
			newExamples.put("en", appended(examples.get("en"), english));
		}
		Map<Object, Object> expected = new LinkedHashMap<>(map);
		expected.put("examples", newExamples);
		return expected;
	}

	private static Object appended(Object list, List<String> items) {
		List<Object> appended = new ArrayList<>(list instanceof List<?> l ? l : List.of());
		appended.addAll(items);
		return appended;
	}

}
