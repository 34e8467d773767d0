package th.or.dga.budgetbot.conversation;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.Yaml;

import th.or.dga.budgetbot.conversation.OperatorData.InvalidOperatorData;
import th.or.dga.budgetbot.nlu.ThaiNormalizer;

/**
 * Near misses ({@code config/near-misses.yml}): questions that sound like the programme but ask
 * for what the facts do not hold (an amount, a person's name, a date, another plan, another
 * body's phone number). The classifier puts such a question next to the fact it resembles; these
 * rules, written as vocabulary that admins extend, turn the answer into the matching decline
 * intent's "I don't have that". The other way round, {@link #asks} says whether a message really
 * asks what a decline intent declines, so that "who allocates the budget" is not declined as a
 * question about a person.
 *
 * <p>Terms are normalised as messages are (ผอ. becomes ผู้อำนวยการ, digits become one token), so
 * an admin writes them as officers type. A term with Thai in it matches anywhere, spaces ignored
 * (Thai has none between words); a Latin term matches whole words, or a word's start if it ends
 * with {@code *}. Immutable and thread-safe.
 */
public final class NearMisses {

	/** Outsider-controlled only through the operator's file, but a runaway list is a mistake. */
	static final int MAX_TERMS = 2_000;

	private static final ThaiNormalizer NORMALIZER = new ThaiNormalizer();

	private static final Pattern THAI = Pattern.compile("[\\u0E00-\\u0E7F]");

	private final List<Rule> rules;

	private final Map<String, List<Term>> asks;

	private final double giveWayMin;

	NearMisses(List<Rule> rules, Map<String, List<Term>> asks, double giveWayMin) {
		this.rules = List.copyOf(rules);
		this.asks = Map.copyOf(asks);
		this.giveWayMin = giveWayMin;
	}

	static NearMisses none() {
		return new NearMisses(List.of(), Map.of(), 1.0);
	}

	/**
	 * The decline intent for a message that the classifier gave to {@code intentId}, when the
	 * message asks for something that intent's facts do not hold.
	 */
	public Optional<String> declineFor(String intentId, String message) {
		Text text = Text.of(message);
		return rules.stream()
			.filter(rule -> !rule.heldBy().contains(intentId) && rule.matches(text))
			.map(Rule::decline)
			.findFirst();
	}

	/**
	 * Whether the message asks what the decline intent declines. A decline intent this file does
	 * not describe (out-of-scope, say) always stands.
	 */
	public boolean asks(String declineIntent, String message) {
		List<Term> terms = asks.get(declineIntent);
		if (terms == null) {
			return true;
		}
		Text text = Text.of(message);
		return terms.stream().anyMatch(t -> t.in(text)) || rules.stream()
			.anyMatch(rule -> rule.decline().equals(declineIntent) && rule.matches(text));
	}

	/** The score the best answering intent needs to take a message a decline intent gave way. */
	public double giveWayMin() {
		return giveWayMin;
	}

	/** Every intent id the file names, for a check against the catalog. */
	Set<String> intentIds() {
		Set<String> ids = new java.util.TreeSet<>(asks.keySet());
		rules.forEach(rule -> {
			ids.add(rule.decline());
			ids.addAll(rule.heldBy());
		});
		return ids;
	}

	static NearMisses load(Path file) {
		if (!Files.exists(file)) {
			return none();
		}
		Map<?, ?> yaml = read(file);
		int[] count = { 0 };
		List<Rule> rules = new ArrayList<>();
		if (!(yaml.get("rules") instanceof List<?> list)) {
			throw new InvalidOperatorData(file + ": needs 'rules:', a list of {name, decline, all, unless, heldBy}");
		}
		for (Object item : list) {
			rules.add(rule(file, item, count));
		}
		Map<String, List<Term>> asks = new LinkedHashMap<>();
		if (yaml.get("asks") instanceof Map<?, ?> map) {
			map.forEach((intent, terms) -> asks.put(String.valueOf(intent), terms(file, "asks." + intent, terms, count)));
		}
		double giveWayMin = yaml.get("giveWayMin") instanceof Number n ? n.doubleValue() : 0.15;
		if (giveWayMin < 0 || giveWayMin > 1) {
			throw new InvalidOperatorData(file + ": giveWayMin is a score from 0 to 1, got " + giveWayMin);
		}
		return new NearMisses(rules, asks, giveWayMin);
	}

	private static Rule rule(Path file, Object item, int[] count) {
		if (!(item instanceof Map<?, ?> map) || !(map.get("name") instanceof String name)
				|| !(map.get("decline") instanceof String decline) || !(map.get("all") instanceof List<?> all)
				|| all.isEmpty()) {
			throw new InvalidOperatorData(file + ": each rule needs 'name', 'decline' (an intent id) and 'all' "
					+ "(a list of term lists), got " + item);
		}
		List<List<Term>> groups = new ArrayList<>();
		for (int i = 0; i < all.size(); i++) {
			groups.add(terms(file, name + ".all[" + i + "]", all.get(i), count));
		}
		List<Term> unless = map.containsKey("unless") ? terms(file, name + ".unless", map.get("unless"), count) : List.of();
		List<String> heldBy = map.get("heldBy") instanceof List<?> held ? held.stream().map(String::valueOf).toList()
				: List.of();
		return new Rule(name, decline, groups, unless, Set.copyOf(heldBy));
	}

	private static List<Term> terms(Path file, String where, Object value, int[] count) {
		if (!(value instanceof List<?> list) || list.isEmpty()) {
			throw new InvalidOperatorData(file + ": '" + where + "' must be a non-empty list of terms");
		}
		List<Term> terms = new ArrayList<>();
		for (Object term : list) {
			if (++count[0] > MAX_TERMS) {
				throw new InvalidOperatorData(file + ": more than " + MAX_TERMS + " terms; split the vocabulary less finely");
			}
			terms.add(Term.of(file, where, String.valueOf(term)));
		}
		return terms;
	}

	private static Map<?, ?> read(Path file) {
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			if (new Yaml().load(reader) instanceof Map<?, ?> map) {
				return map;
			}
			throw new InvalidOperatorData(file + ": must be a YAML mapping with 'rules:'");
		}
		catch (IOException | RuntimeException e) {
			if (e instanceof InvalidOperatorData invalid) {
				throw invalid;
			}
			throw new InvalidOperatorData(file + ": cannot be read as YAML (" + e.getMessage() + ")");
		}
	}

	/**
	 * Declines to {@code decline} a message that has a term of every group of {@code all} and no
	 * term of {@code unless}, unless the classifier chose an intent of {@code heldBy}.
	 */
	record Rule(String name, String decline, List<List<Term>> all, List<Term> unless, Set<String> heldBy) {

		boolean matches(Text text) {
			return all.stream().allMatch(group -> group.stream().anyMatch(t -> t.in(text)))
					&& unless.stream().noneMatch(t -> t.in(text));
		}

	}

	/** A message normalised once: spaced for Latin words, squeezed for Thai. */
	record Text(String spaced, String squeezed) {

		static Text of(String message) {
			String normalized = NORMALIZER.normalize(message == null ? "" : message).text();
			return new Text(" " + normalized + " ", normalized.replace(" ", ""));
		}

	}

	record Term(String written, boolean thai, Pattern latin, String squeezed) {

		static Term of(Path file, String where, String written) {
			boolean prefix = written.endsWith("*");
			String normalized = NORMALIZER.normalize(prefix ? written.substring(0, written.length() - 1) : written).text();
			if (normalized.isBlank()) {
				throw new InvalidOperatorData(file + ": '" + where + "' has a term with no words: '" + written + "'");
			}
			if (THAI.matcher(normalized).find()) {
				return new Term(written, true, null, normalized.replace(" ", ""));
			}
			Pattern latin = Pattern.compile("(?<=\\s)" + Pattern.quote(normalized) + (prefix ? "" : "(?=\\s)"));
			return new Term(written, false, latin, null);
		}

		boolean in(Text text) {
			return thai ? text.squeezed().contains(squeezed) : latin.matcher(text.spaced()).find();
		}

	}

}
