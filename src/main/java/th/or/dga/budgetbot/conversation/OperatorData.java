package th.or.dga.budgetbot.conversation;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.Yaml;

import th.or.dga.budgetbot.intents.ProgrammeFacts;
import th.or.dga.budgetbot.language.LocalizedText;

/**
 * The operator's data in {@code config/}: contact channel, replies outside intents, the
 * quick-reply menu, the near-miss rules, and the programme facts with their sources (for the
 * answers' source lines). Loaded once at start-up; a bad file stops the start with a message naming it.
 */
public record OperatorData(ContactChannel contact, OperatorReplies replies, List<String> menu, ProgrammeFacts facts,
		NearMisses nearMisses) {

	/** LINE allows 13 quick-reply items. */
	static final int MAX_MENU = 13;

	public OperatorData {
		menu = List.copyOf(menu);
	}

	/** With the facts of {@code directory/facts.yml}. */
	public static OperatorData load(Path directory) {
		return load(directory, directory.resolve("facts.yml"));
	}

	public static OperatorData load(Path directory, Path factsFile) {
		Map<?, ?> contact = read(directory.resolve("contact.yml"));
		LocalizedText name = LocalizedText.fromYaml(contact.get("name"));
		for (String key : List.of("phone", "email", "web")) {
			if (contact.get(key) == null || name == null) {
				throw new InvalidOperatorData(directory.resolve("contact.yml") + ": needs name {th, en}, phone, email and web");
			}
		}
		Map<?, ?> replies = read(directory.resolve("replies.yml"));
		OperatorReplies operatorReplies = new OperatorReplies(text(directory, replies, "fallback"),
				text(directory, replies, "yearNotCovered"), text(directory, replies, "committeeNotCovered"),
				text(directory, replies, "welcome"), text(directory, replies, "nonText"), text(directory, replies, "linked"),
				text(directory, replies, "linkWrong"), text(directory, replies, "linkUsed"), text(directory, replies, "linkExpired"),
				text(directory, replies, "linkLocked"), text(directory, replies, "unlinked"), text(directory, replies, "notLinked"),
				text(directory, replies, "privateOnly"), text(directory, replies, "programmeClosed"),
				text(directory, replies, "otherAgency"));
		Map<?, ?> menu = read(directory.resolve("menu.yml"));
		List<String> items = menu.get("menu") instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
		if (items.isEmpty() || items.size() > MAX_MENU) {
			throw new InvalidOperatorData(directory.resolve("menu.yml") + ": 'menu' lists 1 to " + MAX_MENU + " intent ids");
		}
		return new OperatorData(new ContactChannel(name, contact.get("phone").toString(), contact.get("email").toString(),
				contact.get("web").toString()), operatorReplies, items, ProgrammeFacts.load(factsFile),
				NearMisses.load(directory.resolve("near-misses.yml")));
	}

	private static LocalizedText text(Path directory, Map<?, ?> replies, String key) {
		LocalizedText text = LocalizedText.fromYaml(replies.get(key));
		if (text == null) {
			throw new InvalidOperatorData(directory.resolve("replies.yml") + ": needs '" + key + ": {th: ..., en: ...}'");
		}
		return text;
	}

	static Map<?, ?> read(Path file) {
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			Object loaded = new Yaml().load(reader);
			if (loaded instanceof Map<?, ?> map) {
				return map;
			}
			throw new InvalidOperatorData(file + ": must be a YAML mapping");
		}
		catch (IOException | RuntimeException e) {
			if (e instanceof InvalidOperatorData invalid) {
				throw invalid;
			}
			throw new InvalidOperatorData(file + ": cannot be read as YAML (" + e.getMessage() + ")");
		}
	}

	/** A file of {@code config/} is missing or wrong; the message names it and the fix. */
	public static class InvalidOperatorData extends RuntimeException {

		public InvalidOperatorData(String message) {
			super(message);
		}

	}

}
