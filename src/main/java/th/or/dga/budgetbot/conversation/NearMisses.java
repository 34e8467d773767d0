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

	private final Map<String, Asks> asks;

	private final double giveWayMin;

	NearMisses(List<Rule> rules, Map<String, Asks> asks, double giveWayMin) {
		this.rules = List.copyOf(rules);
		this.asks = Map.copyOf(asks);
		this.giveWayMin = giveWayMin;
	}

	static NearMisses none() {
		return new NearMisses(List.of(), Map.of(), 1.0);
	}

	/**
	 * The decline intent for a message that the classifier gave to {@code intentId}, when the
	 * message asks for something that intent's facts do not hold. An answer computed from the
	 * calendar ({@code computed}) knows what it holds; only rules that name it in {@code alsoFor}
	 * apply to it.
	 */
	public Optional<String> declineFor(String intentId, String message, boolean computed) {
		Text text = Text.of(message);
		return rules.stream()
			.filter(rule -> rule.appliesTo(intentId, computed) && rule.matches(text))
			.map(Rule::decline)
			.findFirst();
	}

	/**
	 * Whether the message asks what the decline intent declines. A decline intent this file does
	 * not describe (out-of-scope, say) always stands.
	 */
	public boolean asks(String declineIntent, String message) {
		Asks terms = asks.get(declineIntent);
		if (terms == null) {
			return true;
		}
		Text text = Text.of(message);
		return terms.in(text) || rules.stream()
			.anyMatch(rule -> rule.decline().equals(declineIntent) && rule.matches(text));
	}

	/** For an admin tuning the file: the rule that declines and the terms of it the message has. */
	Optional<String> explain(String intentId, String message, boolean computed) {
		Text text = Text.of(message);
		return rules.stream()
			.filter(rule -> rule.appliesTo(intentId, computed) && rule.matches(text))
			.findFirst()
			.map(rule -> rule.name() + " " + rule.all()
				.stream()
				.map(group -> group.stream().filter(t -> t.in(text)).map(Term::written).toList().toString())
				.toList());
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
			ids.addAll(rule.alsoFor());
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
		Map<String, Asks> asks = new LinkedHashMap<>();
		if (yaml.get("asks") instanceof Map<?, ?> map) {
			map.forEach((intent, terms) -> asks.put(String.valueOf(intent), asks(file, "asks." + intent, terms, count)));
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
		return new Rule(name, decline, groups, unless, ids(map.get("heldBy")), ids(map.get("alsoFor")));
	}

	private static Set<String> ids(Object value) {
		return value instanceof List<?> list ? Set.copyOf(list.stream().map(String::valueOf).toList()) : Set.of();
	}

	/** A list of terms, or {any: [...], unless: [...]}. */
	private static Asks asks(Path file, String where, Object value, int[] count) {
		if (value instanceof Map<?, ?> map) {
			List<Term> unless = map.containsKey("unless") ? terms(file, where + ".unless", map.get("unless"), count)
					: List.of();
			return new Asks(terms(file, where + ".any", map.get("any"), count), unless);
		}
		return new Asks(terms(file, where, value, count), List.of());
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
	record Rule(String name, String decline, List<List<Term>> all, List<Term> unless, Set<String> heldBy,
			Set<String> alsoFor) {

		boolean appliesTo(String intentId, boolean computed) {
			return computed ? alsoFor.contains(intentId) : !heldBy.contains(intentId);
		}

		boolean matches(Text text) {
			return all.stream().allMatch(group -> group.stream().anyMatch(t -> t.in(text)))
					&& unless.stream().noneMatch(t -> t.in(text));
		}

	}

	/** What a question must have to ask what a decline intent declines. */
	record Asks(List<Term> any, List<Term> unless) {

		boolean in(Text text) {
			return any.stream().anyMatch(t -> t.in(text)) && unless.stream().noneMatch(t -> t.in(text));
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

		/**
		 * A Thai term never matches right after a leading vowel (เ แ โ ใ ไ): a word cannot start
		 * inside a syllable, and กี่ must not be found in เกี่ยว.
		 */
		boolean in(Text text) {
			if (!thai) {
				return latin.matcher(text.spaced()).find();
			}
			String haystack = text.squeezed();
			for (int at = haystack.indexOf(squeezed); at >= 0; at = haystack.indexOf(squeezed, at + 1)) {
				if (at == 0 || "เแโใไ".indexOf(haystack.charAt(at - 1)) < 0) {
					return true;
				}
			}
			return false;
		}

	}

}
