package th.or.dga.budgetbot.intents;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import th.or.dga.budgetbot.nlu.SpellingVariants;

/**
 * Reads the admins' tables of spelling variants and abbreviations ({@code intents/vocabulary/*.yml}):
 * each file a mapping from the word the catalog uses to the ways officers write it,
 * {@code ดิจิทัล: [ดิจิตอล, ดิจิตัล]}. The folder is optional; a mistake fails the catalog's
 * load with the file, the line and the fix, as an intent file's does.
 */
public final class VariantTables {

	public static final String FOLDER = "vocabulary";

	static final int MAX_VARIANTS = 5000;

	static final int MAX_LENGTH = 60;

	private VariantTables() {
	}

	public static SpellingVariants read(Path intentsDirectory) {
		Path folder = intentsDirectory.resolve(FOLDER);
		if (!Files.isDirectory(folder)) {
			return SpellingVariants.NONE;
		}
		List<Path> files;
		try (Stream<Path> listing = Files.list(folder)) {
			files = listing.filter(p -> p.getFileName().toString().endsWith(".yml")).sorted().toList();
		}
		catch (IOException e) {
			throw new InvalidCatalog(List.of(folder + ": cannot list the vocabulary folder (" + e.getMessage() + ")"));
		}
		Map<String, String> canonicalByVariant = new HashMap<>();
		Map<String, String> whereListed = new HashMap<>();
		List<String> problems = new ArrayList<>();
		for (Path file : files) {
			try {
				parse(file, Files.readString(file, StandardCharsets.UTF_8), canonicalByVariant, whereListed, problems);
			}
			catch (IOException e) {
				problems.add(file + ": cannot be read (" + e.getMessage() + ")");
			}
		}
		if (canonicalByVariant.size() > MAX_VARIANTS) {
			problems.add(folder + ": " + canonicalByVariant.size() + " variants, more than the " + MAX_VARIANTS
					+ " allowed; remove variants the normaliser or the examples already cover");
		}
		if (!problems.isEmpty()) {
			throw new InvalidCatalog(problems);
		}
		return new SpellingVariants(canonicalByVariant);
	}

	static void parse(Path file, String text, Map<String, String> canonicalByVariant, Map<String, String> whereListed,
			List<String> problems) {
		Node root;
		try {
			root = IntentCatalogLoader.yaml().compose(new StringReader(text));
		}
		catch (YAMLException e) {
			problems.add(file + ": not valid YAML (" + e.getMessage().replace('\n', ' ') + ")");
			return;
		}
		if (root == null) {
			return;
		}
		if (!(root instanceof MappingNode mapping)) {
			problems.add(at(file, root) + ": expected lines of the form 'word: [variant, variant]'");
			return;
		}
		for (NodeTuple tuple : mapping.getValue()) {
			String canonical = scalar(tuple.getKeyNode());
			if (canonical == null || canonical.isBlank() || canonical.length() > MAX_LENGTH) {
				problems.add(at(file, tuple.getKeyNode()) + ": the word before ':' must be text of 1 to " + MAX_LENGTH
						+ " characters");
				continue;
			}
			for (Node node : variantNodes(tuple.getValueNode())) {
				String variant = scalar(node);
				if (variant == null || variant.isBlank() || variant.length() > MAX_LENGTH) {
					problems.add(at(file, node) + ": a variant of '" + canonical + "' must be text of 1 to " + MAX_LENGTH
							+ " characters");
					continue;
				}
				String key = variant.strip().toLowerCase(Locale.ROOT);
				String earlier = canonicalByVariant.putIfAbsent(key, canonical.strip());
				if (earlier != null && !earlier.equals(canonical.strip())) {
					problems.add(at(file, node) + ": '" + variant + "' is already a variant of '" + earlier + "' ("
							+ whereListed.get(key) + "); list it under one word only");
				}
				whereListed.putIfAbsent(key, at(file, node));
			}
		}
	}

	private static List<Node> variantNodes(Node value) {
		if (value instanceof SequenceNode sequence) {
			return sequence.getValue();
		}
		return List.of(value);
	}

	private static String scalar(Node node) {
		return node instanceof ScalarNode scalar ? scalar.getValue() : null;
	}

	private static String at(Path file, Node node) {
		return file + ":" + (node.getStartMark().getLine() + 1);
	}

}
