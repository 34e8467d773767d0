package th.or.dga.budgetbot.conversation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import th.or.dga.budgetbot.calendar.ThaiDates;
import th.or.dga.budgetbot.intents.ProgrammeFacts;
import th.or.dga.budgetbot.language.Language;

/**
 * Where an answer comes from, as officers cite it in memos: a short source line built from the
 * facts it rests on ("ที่มา: ประกาศ สพร. 15 ม.ค. 2564"), and the document's own words for those
 * facts. Pure: the texts are those of {@code config/facts.yml}.
 */
final class Citations {

	/** Fact ids one original-text request may name at most (a postback is the user's to forge). */
	static final int MAX_FACTS = 20;

	private final ProgrammeFacts facts;

	Citations(ProgrammeFacts facts) {
		this.facts = facts;
	}

	/** "ที่มา: ประกาศ สพร. 15 ม.ค. 2564", one entry per document; empty when no known fact is given. */
	Optional<String> sourceLine(List<String> ids, Language language) {
		List<ProgrammeFacts.Source> sources = sources(ids);
		if (sources.isEmpty()) {
			return Optional.empty();
		}
		String names = String.join("; ", sources.stream().map(s -> named(s, language)).toList());
		return Optional.of(Templates.fill(facts.citation().sourceLine().in(language), Map.of("sources", names)));
	}

	/** The answer's text with its source line after it, if it rests on facts. */
	String cited(String text, List<String> ids, Language language) {
		return sourceLine(ids, language).map(line -> text + "\n\n" + line).orElse(text);
	}

	/** The quick reply that shows the original text of these facts. */
	Optional<QuickReplyOption> button(List<String> ids, Language language) {
		List<String> known = known(ids);
		return known.isEmpty() ? Optional.empty()
				: Optional.of(QuickReplyOption.originalText(facts.citation().button().in(language), known));
	}

	/**
	 * The document's own words for the facts, under the document's title and date; in English
	 * each quote is followed by the fact's English text. Empty when none of the ids is a fact.
	 */
	Optional<String> originalText(List<String> ids, Language language) {
		List<String> known = known(ids);
		if (known.isEmpty()) {
			return Optional.empty();
		}
		List<String> parts = new ArrayList<>();
		for (ProgrammeFacts.Source source : sources(known)) {
			parts.add(Templates.fill(facts.citation().heading().in(language),
					Map.of("title", source.title().in(language), "source", named(source, language))));
			for (String id : known) {
				ProgrammeFacts.Fact fact = facts.fact(id).orElseThrow();
				if (!fact.source().equals(source.id())) {
					continue;
				}
				String gloss = Templates.fill(facts.citation().inEnglish().in(language), Map.of("fact", fact.text().en()));
				parts.add("“" + fact.original() + "”" + (gloss.isBlank() ? "" : "\n" + gloss));
			}
		}
		return Optional.of(String.join("\n\n", parts));
	}

	/** The known fact ids among these, each once, in the order given; at most {@link #MAX_FACTS}. */
	List<String> known(List<String> ids) {
		Set<String> known = new LinkedHashSet<>();
		ids.stream().limit(MAX_FACTS).filter(Objects::nonNull).filter(id -> facts.fact(id).isPresent()).forEach(known::add);
		return List.copyOf(known);
	}

	/** The facts' ids that are about this fiscal year, or about no one year. */
	List<String> about(List<String> ids, int year) {
		return known(ids).stream()
			.filter(id -> {
				List<Integer> years = facts.fact(id).orElseThrow().years();
				return years.isEmpty() || years.contains(year);
			})
			.toList();
	}

	private List<ProgrammeFacts.Source> sources(List<String> ids) {
		Set<String> seen = new LinkedHashSet<>();
		for (String id : known(ids)) {
			seen.add(facts.fact(id).orElseThrow().source());
		}
		return seen.stream().map(id -> facts.sources().get(id)).toList();
	}

	private static String named(ProgrammeFacts.Source source, Language language) {
		return source.shortName().in(language) + " " + ThaiDates.format(source.date(), language);
	}

}
