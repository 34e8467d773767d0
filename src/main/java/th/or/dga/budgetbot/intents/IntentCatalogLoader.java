package th.or.dga.budgetbot.intents;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.DuplicateKeyException;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import th.or.dga.budgetbot.language.LocalizedText;
import th.or.dga.budgetbot.nlu.QuestionType;

/**
 * Reads {@code intents/*.yml} and checks them against the rules admins are told in
 * {@code intents/README.md} and against LINE's limits. All problems are collected, so an admin
 * fixes a catalog in one pass instead of one error per restart.
 */
public final class IntentCatalogLoader {

	static final int MIN_THAI_EXAMPLES = 20;

	static final int MIN_ENGLISH_EXAMPLES = 6;

	static final int MAX_LABEL = 20;

	static final int MAX_QUICK_REPLIES = 4;

	/** LINE's text limit is 5,000; leave room for the contact channel and calendar values. */
	static final int MAX_ANSWER = 4000;

	private static final Pattern ID = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");

	private static final Set<String> KEYS = Set.of("id", "label", "facts", "years", "committees", "answer", "quickReplies",
			"examples");

	private static final Set<String> ANSWER_KEYS = Set.of("kind", "th", "en", "asks", "yearDefault", "closed", "open", "unknown",
			"not-open", "in-allocation", "allocated",
			"notLinked", "found", "none", "notFound");

	private final Set<String> knownFacts;

	public IntentCatalogLoader(Set<String> knownFacts) {
		this.knownFacts = Set.copyOf(knownFacts);
	}

	public IntentCatalog load(Path directory) {
		return load(directory, read(directory));
	}

	/** The intent files of a folder, by file name, in name order. */
	public static Map<String, String> read(Path directory) {
		List<Path> files;
		try (Stream<Path> listing = Files.list(directory)) {
			files = listing.filter(p -> p.getFileName().toString().endsWith(".yml")).sorted().toList();
		}
		catch (IOException e) {
			throw new InvalidCatalog(List.of(directory + ": cannot list the intent folder (" + e.getMessage() + ")"));
		}
		Map<String, String> contents = new java.util.LinkedHashMap<>();
		for (Path file : files) {
			try {
				contents.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
			}
			catch (IOException e) {
				throw new InvalidCatalog(List.of(file + ": cannot be read (" + e.getMessage() + ")"));
			}
		}
		return contents;
	}

	/**
	 * Validates intent files given by name and content (a folder's, or a stored version's);
	 * {@code directory} only names where they are in the messages.
	 */
	public IntentCatalog load(Path directory, Map<String, String> files) {
		if (files.isEmpty()) {
			throw new InvalidCatalog(List.of(directory + ": no intent files (*.yml) found"));
		}
		List<String> problems = new ArrayList<>();
		List<Intent> intents = new ArrayList<>();
		Map<String, String> exampleOwners = new HashMap<>();
		for (Map.Entry<String, String> entry : new java.util.TreeMap<>(files).entrySet()) {
			Path file = directory.resolve(entry.getKey());
			String text = entry.getValue();
			Intent intent = parse(file, text, problems);
			if (intent != null) {
				checkExamplesUnique(intent, text, exampleOwners, problems);
				intents.add(intent);
			}
		}
		checkReferences(intents, files, problems);
		if (!problems.isEmpty()) {
			throw new InvalidCatalog(problems);
		}
		return new IntentCatalog(intents, new java.util.TreeMap<>(files));
	}

	/**
	 * How intent files are read, here and wherever they are checked: a key twice in one mapping
	 * is an error, because SnakeYAML would otherwise keep the last one without a word, and a
	 * second {@code answer:} further down a file silently replaces the first.
	 */
	static Yaml yaml() {
		LoaderOptions options = new LoaderOptions();
		options.setAllowDuplicateKeys(false);
		return new Yaml(new SafeConstructor(options));
	}

	/** The form examples are compared in: case, surrounding and repeated white space do not make two examples. */
	static String exampleKey(String example) {
		return example.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
	}

	private Intent parse(Path file, String text, List<String> problems) {
		Object loaded;
		try {
			loaded = yaml().load(text);
		}
		catch (DuplicateKeyException e) {
			String line = e.getProblemMark() == null ? "" : ":" + (e.getProblemMark().getLine() + 1);
			problems.add(file + line + ": " + e.getProblem()
					+ "; a key may appear only once in a mapping: remove the second one or merge the two");
			return null;
		}
		catch (RuntimeException e) {
			problems.add(file + ": is not valid YAML: " + e.getMessage().replace('\n', ' ')
					+ " (quote texts that contain ':' '#' '{' or '?')");
			return null;
		}
		if (!(loaded instanceof Map<?, ?> map)) {
			problems.add(file + ": must be a YAML mapping with id, label, answer and examples");
			return null;
		}
		int before = problems.size();
		for (Object key : map.keySet()) {
			if (!KEYS.contains(String.valueOf(key))) {
				problems.add(at(file, text, key + ":") + ": unknown key '" + key + "' (allowed: " + KEYS + ")");
			}
		}
		String expectedId = file.getFileName().toString().replaceFirst("\\.yml$", "");
		String id = String.valueOf(map.get("id"));
		if (!ID.matcher(id).matches() || !id.equals(expectedId)) {
			problems.add(at(file, text, "id:") + ": id must be '" + expectedId
					+ "' (the file name; lower-case letters, digits and dashes), got '" + id + "'");
		}
		LocalizedText label = LocalizedText.fromYaml(map.get("label"));
		if (label == null) {
			problems.add(at(file, text, "label:") + ": needs 'label: {th: ..., en: ...}' (the quick-reply label)");
		}
		else if (label.th().length() > MAX_LABEL || label.en().length() > MAX_LABEL) {
			problems.add(at(file, text, "label:") + ": a quick-reply label has at most " + MAX_LABEL
					+ " characters (LINE's limit); shorten '" + label.th() + "' / '" + label.en() + "'");
		}
		List<String> facts = strings(map.get("facts"));
		for (String fact : facts) {
			if (!knownFacts.contains(fact)) {
				problems.add(at(file, text, fact) + ": fact '" + fact + "' is not in config/facts.yml (known: F1..F"
						+ knownFacts.size() + ")");
			}
		}
		List<Integer> years = new ArrayList<>();
		for (Object year : map.get("years") instanceof List<?> list ? list : List.of()) {
			if (year instanceof Integer y && y > 2400) {
				years.add(y);
			}
			else {
				problems.add(at(file, text, "years:") + ": years are B.E. years such as 2564, got '" + year + "'");
			}
		}
		Answer answer = answer(file, text, map.get("answer"), problems);
		Map<?, ?> examples = map.get("examples") instanceof Map<?, ?> e ? e : Map.of();
		List<String> thai = strings(examples.get("th"));
		List<String> english = strings(examples.get("en"));
		if (thai.size() < MIN_THAI_EXAMPLES || english.size() < MIN_ENGLISH_EXAMPLES) {
			problems.add(at(file, text, "examples:") + ": needs at least " + MIN_THAI_EXAMPLES + " Thai and "
					+ MIN_ENGLISH_EXAMPLES + " English examples, has " + thai.size() + " and " + english.size());
		}
		if (problems.size() > before) {
			return null;
		}
		return new Intent(id, label, facts, years, strings(map.get("committees")), answer, strings(map.get("quickReplies")), thai, english, file);
	}

	private Answer answer(Path file, String text, Object value, List<String> problems) {
		if (!(value instanceof Map<?, ?> map)) {
			problems.add(at(file, text, "answer:") + ": needs an 'answer' mapping (kind, th, en)");
			return null;
		}
		for (Object key : map.keySet()) {
			if (!ANSWER_KEYS.contains(String.valueOf(key))) {
				problems.add(at(file, text, key + ":") + ": unknown answer key '" + key + "' (allowed: " + ANSWER_KEYS + ")");
			}
		}
		String kindName = String.valueOf(map.get("kind") == null ? "static" : map.get("kind"));
		AnswerKind kind;
		try {
			kind = AnswerKind.valueOf(kindName.toUpperCase(Locale.ROOT).replace('-', '_'));
		}
		catch (IllegalArgumentException e) {
			problems.add(at(file, text, "kind:") + ": answer kind must be one of " + java.util.Arrays.stream(AnswerKind.values()).map(k -> k.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList() + ", got '" + kindName + "'");
			return null;
		}
		List<String> required = Answer.VARIANTS.get(kind);
		if (required == null) {
			LocalizedText answer = LocalizedText.fromYaml(map);
			if (answer == null) {
				problems.add(at(file, text, "answer:") + ": a " + kindName + " answer needs 'th' and 'en' texts");
				return null;
			}
			checkLength(file, text, answer, problems);
			return new Answer(kind, answer, Map.of(), false, asks(file, text, kind, map.get("asks"), problems));
		}
		if (map.get("asks") != null) {
			problems.add(at(file, text, "asks:") + ": 'asks' is for static answers only; a " + kindName
					+ " answer is computed");
		}
		Map<String, LocalizedText> variants = new HashMap<>();
		for (String key : required) {
			LocalizedText variant = LocalizedText.fromYaml(map.get(key));
			if (variant == null) {
				problems.add(at(file, text, "answer:") + ": a " + kindName + " answer needs '" + key + ": {th: ..., en: ...}'");
			}
			else {
				checkLength(file, text, variant, problems);
				variants.put(key, variant);
			}
		}
		for (String key : Answer.OPTIONAL_VARIANTS.getOrDefault(kind, Map.of()).keySet()) {
			LocalizedText variant = LocalizedText.fromYaml(map.get(key));
			if (variant != null) {
				checkLength(file, text, variant, problems);
				variants.put(key, variant);
			}
			else if (map.get(key) != null) {
				problems.add(at(file, text, key + ":") + ": '" + key + "' needs {th: ..., en: ...}");
			}
		}
		String yearDefault = String.valueOf(map.get("yearDefault") == null ? "current" : map.get("yearDefault"));
		if (!yearDefault.equals("current") && !yearDefault.equals("next")) {
			problems.add(at(file, text, "yearDefault:") + ": yearDefault must be current or next, got '" + yearDefault + "'");
		}
		return new Answer(kind, null, variants, yearDefault.equals("next"));
	}

	/**
	 * {@code asks:} a text per kind of question (when, who, how-many, which-years), each with the
	 * facts it rests on; {@code facts: []} says the facts do not hold it, and then the text must
	 * give {contact}.
	 */
	private Map<QuestionType, Answer.Asked> asks(Path file, String text, AnswerKind kind, Object value,
			List<String> problems) {
		if (value == null) {
			return Map.of();
		}
		if (kind != AnswerKind.STATIC || !(value instanceof Map<?, ?> map)) {
			problems.add(at(file, text, "asks:") + ": 'asks' maps when / who / how-many / which-years to {facts, th, en},"
					+ " and only in a static answer");
			return Map.of();
		}
		Map<QuestionType, Answer.Asked> asks = new java.util.EnumMap<>(QuestionType.class);
		for (Map.Entry<?, ?> entry : map.entrySet()) {
			String key = String.valueOf(entry.getKey());
			QuestionType type;
			try {
				type = QuestionType.valueOf(key.toUpperCase(Locale.ROOT).replace('-', '_'));
			}
			catch (IllegalArgumentException e) {
				problems.add(at(file, text, key + ":") + ": unknown kind of question '" + key
						+ "' under asks (allowed: when, who, how-many, which-years)");
				continue;
			}
			Map<?, ?> asked = entry.getValue() instanceof Map<?, ?> m ? m : Map.of();
			LocalizedText answer = LocalizedText.fromYaml(asked);
			if (answer == null || !(asked.get("facts") instanceof List<?>)) {
				problems.add(at(file, text, key + ":") + ": asks." + key + " needs facts: [...] (the ids it rests on, or [] when"
						+ " the facts do not hold it), th and en");
				continue;
			}
			List<String> facts = strings(asked.get("facts"));
			for (String fact : facts) {
				if (!knownFacts.contains(fact)) {
					problems.add(at(file, text, key + ":") + ": asks." + key + " names fact '" + fact
							+ "', which is not in config/facts.yml");
				}
			}
			if (facts.isEmpty() && !(answer.th().contains("{contact}") && answer.en().contains("{contact}"))) {
				problems.add(at(file, text, key + ":") + ": asks." + key + " rests on no fact, so it must say so and give"
						+ " {contact} in th and en");
			}
			checkLength(file, text, answer, problems);
			asks.put(type, new Answer.Asked(facts, answer));
		}
		return asks;
	}

	private static void checkLength(Path file, String text, LocalizedText answer, List<String> problems) {
		if (answer.th().length() > MAX_ANSWER || answer.en().length() > MAX_ANSWER) {
			problems.add(at(file, text, "answer:") + ": an answer text has at most " + MAX_ANSWER + " characters");
		}
	}

	private static void checkExamplesUnique(Intent intent, String text, Map<String, String> owners, List<String> problems) {
		Set<String> own = new HashSet<>();
		for (String example : Stream.concat(intent.thaiExamples().stream(), intent.englishExamples().stream()).toList()) {
			String key = exampleKey(example);
			if (!own.add(key)) {
				problems.add(at(intent.source(), text, example) + ": example '" + example + "' is listed twice; remove one");
				continue;
			}
			String here = at(intent.source(), text, example);
			String other = owners.putIfAbsent(key, here.replaceFirst(".*/", ""));
			if (other != null) {
				problems.add(here + ": example '" + example + "' is also in " + other + "; keep it in the one intent it belongs to");
			}
		}
	}

	private static void checkReferences(List<Intent> intents, Map<String, String> files, List<String> problems) {
		Set<String> ids = new HashSet<>();
		for (Intent intent : intents) {
			if (!ids.add(intent.id())) {
				problems.add(at(intent.source(), files.get(intent.source().getFileName().toString()), "id:") + ": duplicate intent id '"
						+ intent.id() + "'; each file needs its own id");
			}
		}
		for (Intent intent : intents) {
			String text = files.get(intent.source().getFileName().toString());
			if (intent.quickReplies().size() > MAX_QUICK_REPLIES) {
				problems.add(at(intent.source(), text, "quickReplies:") + ": at most " + MAX_QUICK_REPLIES + " quickReplies, has "
						+ intent.quickReplies().size() + "; keep the ones users most often ask next");
			}
			for (String target : intent.quickReplies()) {
				if (!ids.contains(target)) {
					problems.add(at(intent.source(), text, "quickReplies:") + ": quick reply '" + target
							+ "' is not an intent id; use the name of an intent file without .yml");
				}
			}
		}
	}

	private static List<String> strings(Object value) {
		if (!(value instanceof List<?> list)) {
			return List.of();
		}
		return list.stream().filter(java.util.Objects::nonNull).map(Object::toString).toList();
	}

	/** "file:line" of the first line that contains the needle, or just the file. */
	private static String at(Path file, String text, Object needle) {
		String[] lines = text.split("\n", -1);
		for (int i = 0; i < lines.length; i++) {
			if (lines[i].contains(String.valueOf(needle))) {
				return file + ":" + (i + 1);
			}
		}
		return file.toString();
	}

}
