package th.or.dga.budgetbot.intents;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.yaml.snakeyaml.Yaml;

import th.or.dga.budgetbot.language.LocalizedText;

/**
 * The programme facts ({@code config/facts.yml}) that intents may rest on, each with the
 * document it comes from and the document's own words for it, so that an answer can say where
 * it comes from and show the original text.
 *
 * @param facts by id, in the file's order
 * @param sources the documents, by id
 * @param citation how answers cite them
 */
public record ProgrammeFacts(Map<String, Fact> facts, Map<String, Source> sources, Citation citation) {

	/**
	 * One fact.
	 *
	 * @param text the fact as the bot may say it
	 * @param source the id of the document it comes from
	 * @param original the document's words for it, exactly
	 * @param years the fiscal years (B.E.) it is about; empty: not about one year
	 */
	public record Fact(String id, LocalizedText text, String source, String original, List<Integer> years) {

		public Fact {
			years = List.copyOf(years);
		}

	}

	/** A document facts come from: "ประกาศ สพร." of 15 Jan 2564, with its own title. */
	public record Source(String id, LocalizedText shortName, LocalizedText title, LocalDate date) {
	}

	/**
	 * The texts answers cite with: the source line ({sources}), the quick reply that shows the
	 * original text, the heading above it ({title}, {source}) and, per fact, an English gloss
	 * ({fact}; empty in Thai).
	 */
	public record Citation(LocalizedText sourceLine, LocalizedText button, LocalizedText heading, LocalizedText inEnglish) {
	}

	/** LINE's limit for a quick-reply label. */
	static final int MAX_BUTTON = 20;

	public ProgrammeFacts {
		facts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
		sources = Map.copyOf(sources);
	}

	public Set<String> ids() {
		return facts.keySet();
	}

	public Optional<Fact> fact(String id) {
		return Optional.ofNullable(facts.get(id));
	}

	/** The ids of the programme facts in {@code file}, without checking the rest of it. */
	public static Set<String> ids(Path file) {
		Map<?, ?> root = read(file);
		if (root.get("facts") instanceof Map<?, ?> facts && !facts.isEmpty()) {
			return facts.keySet().stream().map(String::valueOf).collect(Collectors.toUnmodifiableSet());
		}
		throw new InvalidCatalog(List.of(file + ": 'facts' must map fact ids (F1, F2, ...) to their texts"));
	}

	/** Reads and checks the whole file; every problem names the file, the entry and the fix. */
	public static ProgrammeFacts load(Path file) {
		Map<?, ?> root = read(file);
		List<String> problems = new ArrayList<>();
		Map<String, Source> sources = new LinkedHashMap<>();
		Map<?, ?> sourceEntries = root.get("sources") instanceof Map<?, ?> m ? m : Map.of();
		if (sourceEntries.isEmpty()) {
			problems.add(file + ": needs 'sources:' naming each document the facts come from (short, title, date)");
		}
		sourceEntries.forEach((key, value) -> source(file, String.valueOf(key), value, problems)
			.ifPresent(s -> sources.put(s.id(), s)));
		Map<String, Fact> facts = new LinkedHashMap<>();
		Map<?, ?> factEntries = root.get("facts") instanceof Map<?, ?> m ? m : Map.of();
		if (factEntries.isEmpty()) {
			problems.add(file + ": 'facts' must map fact ids (F1, F2, ...) to their texts");
		}
		factEntries.forEach((key, value) -> fact(file, String.valueOf(key), value, sources, problems)
			.ifPresent(f -> facts.put(f.id(), f)));
		Citation citation = citation(file, root.get("citation"), problems);
		if (!problems.isEmpty()) {
			throw new InvalidCatalog(problems);
		}
		return new ProgrammeFacts(facts, sources, citation);
	}

	private static Optional<Source> source(Path file, String id, Object value, List<String> problems) {
		Map<?, ?> entry = value instanceof Map<?, ?> m ? m : Map.of();
		LocalizedText shortName = LocalizedText.fromYaml(entry.get("short"));
		LocalizedText title = LocalizedText.fromYaml(entry.get("title"));
		LocalDate date = null;
		try {
			date = entry.get("date") == null ? null : LocalDate.parse(String.valueOf(entry.get("date")));
		}
		catch (DateTimeParseException e) {
			// reported below
		}
		if (shortName == null || title == null || date == null) {
			problems.add(file + ": source '" + id + "' needs short: {th, en}, title: {th, en} and date: \"YYYY-MM-DD\" (quoted)");
			return Optional.empty();
		}
		return Optional.of(new Source(id, shortName, title, date));
	}

	private static Optional<Fact> fact(Path file, String id, Object value, Map<String, Source> sources,
			List<String> problems) {
		Map<?, ?> entry = value instanceof Map<?, ?> m ? m : Map.of();
		LocalizedText text = LocalizedText.fromYaml(entry);
		String source = entry.get("source") == null ? null : String.valueOf(entry.get("source"));
		String original = entry.get("original") == null ? null : String.valueOf(entry.get("original")).strip();
		if (text == null || original == null || original.isEmpty()) {
			problems.add(file + ": fact " + id + " needs th, en and original (the document's own words for it)");
			return Optional.empty();
		}
		if (source == null || !sources.containsKey(source)) {
			problems.add(file + ": fact " + id + " names source '" + source + "', which is not under 'sources:' (known: "
					+ sources.keySet() + ")");
			return Optional.empty();
		}
		List<Integer> years = new ArrayList<>();
		for (Object year : entry.get("years") instanceof List<?> list ? list : List.of()) {
			if (year instanceof Integer y && y > 2400) {
				years.add(y);
			}
			else {
				problems.add(file + ": fact " + id + ": years are B.E. years such as 2564, got '" + year + "'");
			}
		}
		return Optional.of(new Fact(id, text, source, original, years));
	}

	private static Citation citation(Path file, Object value, List<String> problems) {
		Map<?, ?> entry = value instanceof Map<?, ?> m ? m : Map.of();
		LocalizedText sourceLine = LocalizedText.fromYaml(entry.get("sourceLine"));
		LocalizedText button = LocalizedText.fromYaml(entry.get("button"));
		LocalizedText heading = LocalizedText.fromYaml(entry.get("heading"));
		LocalizedText inEnglish = LocalizedText.fromYaml(entry.get("inEnglish"));
		if (sourceLine == null || button == null || heading == null || inEnglish == null) {
			problems.add(file + ": needs 'citation:' with sourceLine, button, heading and inEnglish, each {th: ..., en: ...}");
			return null;
		}
		if (button.th().length() > MAX_BUTTON || button.en().length() > MAX_BUTTON) {
			problems.add(file + ": citation button is a quick-reply label, at most " + MAX_BUTTON
					+ " characters (LINE's limit); shorten '" + button.th() + "' / '" + button.en() + "'");
		}
		return new Citation(sourceLine, button, heading, inEnglish);
	}

	private static Map<?, ?> read(Path file) {
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			Object loaded = new Yaml().load(reader);
			if (loaded instanceof Map<?, ?> root) {
				return root;
			}
		}
		catch (IOException | RuntimeException e) {
			throw new InvalidCatalog(List.of(file + ": cannot be read as YAML (" + e.getMessage() + ")"));
		}
		throw new InvalidCatalog(List.of(file + ": must be a YAML mapping with 'facts', 'sources' and 'citation'"));
	}

}
