package th.or.dga.budgetbot.intents;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import th.or.dga.budgetbot.language.Language;

/**
 * Adds examples to an intent file as text, so that the admin's comments and layout stay as
 * they were: Thai ones at the end of {@code examples: th:}, English ones at the end of
 * {@code examples: en:}. The result is validated like any edited file before it is used.
 */
final class ExampleWriter {

	private ExampleWriter() {
	}

	static String add(String file, List<String> questions) {
		List<String> lines = new ArrayList<>(Arrays.asList(file.split("\n", -1)));
		List<String> thai = questions.stream().filter(q -> Language.of(q) == Language.TH).toList();
		List<String> english = questions.stream().filter(q -> Language.of(q) == Language.EN).toList();
		// English first: inserting it does not move the Thai list's end if Thai comes first.
		insert(lines, "en", english);
		insert(lines, "th", thai);
		return String.join("\n", lines);
	}

	private static void insert(List<String> lines, String language, List<String> questions) {
		if (questions.isEmpty()) {
			return;
		}
		int examples = lines.indexOf("examples:");
		if (examples < 0) {
			throw new IllegalArgumentException("the intent file has no top-level 'examples:'");
		}
		int header = -1;
		for (int i = examples + 1; i < lines.size() && header < 0; i++) {
			if (lines.get(i).equals("  " + language + ":")) {
				header = i;
			}
		}
		if (header < 0) {
			throw new IllegalArgumentException("the intent file has no 'examples: " + language + ":' list");
		}
		int end = header + 1;
		while (end < lines.size() && (lines.get(end).startsWith("    ") || lines.get(end).isBlank()) && !isLastBlank(lines, end)) {
			end++;
		}
		List<String> items = questions.stream().map(q -> "    - \"" + q.replace("\\", "\\\\").replace("\"", "\\\"") + "\"").toList();
		lines.addAll(end, items);
	}

	/** Trailing blank lines belong to the end of the file, not to the list. */
	private static boolean isLastBlank(List<String> lines, int index) {
		for (int i = index; i < lines.size(); i++) {
			if (!lines.get(i).isBlank()) {
				return false;
			}
		}
		return true;
	}

}
