package th.or.dga.budgetbot.intents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import th.or.dga.budgetbot.language.Language;
import th.or.dga.budgetbot.language.UserText;

/**
 * Questions users typed, written into an intent file: whatever their text, the file still
 * parses, nothing but the examples changed, and each new example is exactly its question.
 */
class ExampleWriterTest {

	private static final String CONTACT = read(Path.of("intents", "contact.yml"));

	/** What breaks hand-made YAML: quotes, escapes, comments, keys, indicators, line breaks, odd spaces. */
	private static final List<String> FRAGMENTS = List.of("\"", "'", "\\", "\\\"", "\n", "\r\n", "\r", "\t", "#", " #", ": ",
			":", "- ", "-", "? ", "answer:\n  kind: static\n  th: \"โทร 099 999 9999\"", "\n#\nanswer:\n  kind: static\n",
			"examples:", "  th:", "    - ", "{", "}", "[", "]", "&a", "*a", "!", "!!str", "|", ">", "%", "@", "`", ",", "---",
			"...", "\u0085", "\u2028", "\u2029", "\u00a0", "\ufeff", "\u200b", "\u0000", "\u0001", "\u001b", "\u007f", "😀",
			"👍🏽", "ขอเบอร์โทร สพร. หน่อยค่ะ", "ยื่นได้ไหม", "ปี ๒๕๖๔", "contact DGA", "true", "null", "~", "0x1F", "1e3",
			"<<", "=", " ", "  ");

	private static final Map<String, String> LAYOUTS = layouts();

	@Property(tries = 400)
	void cleanedQuestionsBecomeExactlyTheNewExamples(@ForAll("files") String file, @ForAll("questionLists") List<String> typed) {
		List<String> questions = typed.stream().map(UserText::clean).filter(q -> !q.isEmpty()).distinct().toList();

		String updated = ExampleWriter.add("contact.yml", LAYOUTS.get(file), questions);

		assertOnlyTheseExamplesWereAdded(LAYOUTS.get(file), updated, questions);
	}

	/** The writer does not count on the cleaning: even raw text, line breaks and all, stays one example. */
	@Property(tries = 400)
	void evenUncleanedTextIsWrittenAsOneExampleEqualToIt(@ForAll("questions") String question) {
		String updated = ExampleWriter.add("contact.yml", CONTACT, List.of(question));

		assertOnlyTheseExamplesWereAdded(CONTACT, updated, List.of(question));
	}

	@Example
	void theAttackOfTheIssueIsRefusedWhereverItComesFrom() {
		// What the old writer made of two questions: the first's own 'answer:' outside its string.
		String tampered = CONTACT.stripTrailing() + "\n    - \"hi\\\"\n    - \" #zqx\"\n#\nanswer:\n  kind: static\n"
				+ "  th: \\\"Call 099\\\"\n  en: \\\"Call 099\\\"\"\n";

		assertThatThrownBy(() -> ExampleWriter.verify("contact.yml", CONTACT, tampered, List.of(), List.of("hi\"", " #zqx")))
			.isInstanceOf(AssignmentRefused.class)
			.hasMessageContaining("contact.yml")
			.hasMessageContaining("nothing was changed");
	}

	@Example
	void aListWrittenInBracketsIsRefusedWithTheFix() {
		String flow = CONTACT.substring(0, CONTACT.indexOf("examples:")) + "examples:\n  th: [ก, ข]\n  en: [a, b]\n";

		assertThatThrownBy(() -> ExampleWriter.add("contact.yml", flow, List.of("ขอเบอร์หน่อย")))
			.isInstanceOf(AssignmentRefused.class)
			.hasMessageContaining("one '- example' per line");
	}

	@Example
	void aFileWithAKeyTwiceIsRefused() {
		String twice = CONTACT + "answer:\n  kind: static\n  th: x\n  en: y\n";

		assertThatThrownBy(() -> ExampleWriter.add("contact.yml", twice, List.of("ขอเบอร์หน่อย")))
			.isInstanceOf(AssignmentRefused.class)
			.hasMessageContaining("duplicate key");
	}

	@Provide
	Arbitrary<String> files() {
		return Arbitraries.of(LAYOUTS.keySet());
	}

	@Provide
	Arbitrary<List<String>> questionLists() {
		return questions().list().ofMinSize(1).ofMaxSize(4);
	}

	@Provide
	Arbitrary<String> questions() {
		Arbitrary<String> fragments = Arbitraries.of(FRAGMENTS).list().ofMinSize(1).ofMaxSize(8).map(f -> String.join("", f));
		Arbitrary<String> anyText = Arbitraries.strings().all().ofMaxLength(24).filter(ExampleWriterTest::isUnicode);
		Arbitrary<String> thai = Arbitraries.strings().withCharRange('\u0e01', '\u0e5b').withChars(' ', '"', '\\', '\n').ofMaxLength(20);
		Arbitrary<String> mixed = Combinators.combine(fragments, anyText, thai, fragments).as((a, b, c, d) -> a + b + c + d);
		return Arbitraries.oneOf(fragments, anyText, thai, mixed);
	}

	private static void assertOnlyTheseExamplesWereAdded(String before, String after, List<String> questions) {
		Map<String, Object> old = IntentCatalogLoader.yaml().load(before);
		Map<String, Object> now = IntentCatalogLoader.yaml().load(after);
		List<String> thai = questions.stream().filter(q -> Language.of(q) == Language.TH).toList();
		List<String> english = questions.stream().filter(q -> Language.of(q) != Language.TH).toList();

		assertThat(without(now, "examples")).isEqualTo(without(old, "examples"));
		assertThat(examples(now, "th")).isEqualTo(concat(examples(old, "th"), thai));
		assertThat(examples(now, "en")).isEqualTo(concat(examples(old, "en"), english));
		assertThat(((Map<?, ?>) now.get("examples")).keySet()).isEqualTo(((Map<?, ?>) old.get("examples")).keySet());
		// Layout and comments: the old lines, in order, and one new line per question.
		List<String> oldLines = Arrays.asList(before.split("\n", -1));
		List<String> newLines = new ArrayList<>(Arrays.asList(after.split("\n", -1)));
		assertThat(newLines).hasSize(oldLines.size() + questions.size());
		assertThat(newLines).containsSubsequence(oldLines);
	}

	private static Map<String, Object> without(Map<String, Object> file, String key) {
		Map<String, Object> rest = new LinkedHashMap<>(file);
		rest.remove(key);
		return rest;
	}

	private static List<?> examples(Map<String, Object> file, String language) {
		return (List<?>) ((Map<?, ?>) file.get("examples")).get(language);
	}

	private static List<Object> concat(List<?> a, List<String> b) {
		List<Object> all = new ArrayList<>(a);
		all.addAll(b);
		return all;
	}

	private static boolean isUnicode(String text) {
		return text.codePoints().noneMatch(cp -> Character.getType(cp) == Character.SURROGATE);
	}

	/** The shipped file and the other ways admins write one, each valid YAML. */
	private static Map<String, String> layouts() {
		String head = CONTACT.substring(0, CONTACT.indexOf("examples:"));
		Map<String, String> layouts = new LinkedHashMap<>();
		layouts.put("shipped", CONTACT);
		layouts.put("no final line break", CONTACT.stripTrailing());
		layouts.put("windows line ends", CONTACT.replace("\n", "\r\n"));
		layouts.put("comments and blank lines", head + "# what users ask\nexamples:\n  th:   # Thai\n    - ติดต่อ สพร. ได้ทางไหน  # common\n"
				+ "    - 'เบอร์ # โทร'\n    # more to come\n\n  en:\n    - how can I contact DGA # short\n\n# end\n");
		layouts.put("lists not indented", head + "examples:\n  th:\n  - ติดต่อ สพร.\n  - \"เบอร์โทร\"\n  en:\n  - contact\n");
		layouts.put("English first, block scalar last", head + "examples:\n  en:\n    - contact\n    - |\n      two\n      lines\n"
				+ "  th:\n    - >-\n      ติดต่อ\n      สพร.\n# the end\n");
		return layouts;
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
