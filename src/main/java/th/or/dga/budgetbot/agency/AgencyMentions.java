package th.or.dga.budgetbot.agency;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which agencies a message names: by code ({@code MOF-CGD}, not inside a request id such as
 * {@code MOF-CGD-64-001}), by Thai name (กรมบัญชีกลาง) or by English name, with or without a
 * leading "The". Where one name lies inside a longer one, the longer is meant. An agency the
 * text sends something to ("ส่งให้ DGA", "sent to DGA") is the recipient, not whose requests
 * are asked about, and is not counted.
 */
public class AgencyMentions {

	/** Words right before a name that make the agency a recipient. */
	private static final Pattern RECIPIENT = Pattern.compile("(?:ให้|ถึง|ไปที่|ไปยัง|ไป|ยัง|\\bto|\\bwith|\\bat)\\s*$");

	private final RedisAgencies agencies;

	AgencyMentions(RedisAgencies agencies) {
		this.agencies = agencies;
	}

	private record Match(int start, int end, Agency agency) {

		boolean inside(Match other) {
			return other != this && other.start <= start && end <= other.end && other.end - other.start > end - start;
		}

	}

	/** The agencies the text names, in the order it names them. */
	public List<Agency> in(String text) {
		Set<Agency> named = new LinkedHashSet<>();
		matches(text).forEach(m -> named.add(m.agency()));
		return List.copyOf(named);
	}

	/**
	 * The text in lower case with each agency it names replaced by a plain word ("agency"), for a
	 * classifier that has never seen the name; empty if it names none.
	 */
	public Optional<String> masked(String text, String replacement) {
		List<Match> matches = matches(text);
		if (matches.isEmpty()) {
			return Optional.empty();
		}
		String folded = fold(text);
		StringBuilder out = new StringBuilder();
		int from = 0;
		for (Match match : matches) {
			if (match.start() >= from) {
				out.append(folded, from, match.start()).append(replacement);
				from = match.end();
			}
		}
		return Optional.of(out.append(folded.substring(from)).toString());
	}

	/** Where the folded text names agencies, in order, without names inside longer names. */
	private List<Match> matches(String text) {
		if (text == null || text.isBlank()) {
			return List.of();
		}
		String folded = fold(text);
		List<Match> matches = new ArrayList<>();
		for (Agency agency : agencies.all()) {
			find(folded, fold(agency.code()), agency, matches);
			find(folded, fold(agency.nameTh()), agency, matches);
			String english = fold(agency.nameEn());
			find(folded, english, agency, matches);
			if (english.startsWith("the ")) {
				find(folded, english.substring(4), agency, matches);
			}
		}
		return matches.stream()
			.filter(m -> matches.stream().noneMatch(m::inside))
			.sorted(Comparator.comparingInt(Match::start))
			.toList();
	}

	private static void find(String text, String name, Agency agency, List<Match> matches) {
		if (name == null || name.length() < 2) {
			return;
		}
		for (int at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
			int end = at + name.length();
			if (bounded(text, at, end) && !RECIPIENT.matcher(text.substring(Math.max(0, at - 12), at)).find()) {
				matches.add(new Match(at, end, agency));
			}
		}
	}

	/**
	 * A Latin-script name must stand as a word of its own, and a code is not the start of a
	 * request id; Thai is written without spaces, so a Thai name is found anywhere.
	 */
	private static boolean bounded(String text, int start, int end) {
		return !(start > 0 && latin(text.charAt(start - 1)) && latin(text.charAt(start)))
				&& !(end < text.length() && latin(text.charAt(end)) && latin(text.charAt(end - 1)));
	}

	private static boolean latin(char c) {
		return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
	}

	private static String fold(String text) {
		return text == null ? null : text.toLowerCase(Locale.ROOT).replace('’', '\'').replaceAll("\\s+", " ").strip();
	}

}
