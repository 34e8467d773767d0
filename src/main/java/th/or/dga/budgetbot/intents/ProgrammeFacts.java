package th.or.dga.budgetbot.intents;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.yaml.snakeyaml.Yaml;

/** The ids of the programme facts ({@code config/facts.yml}) that intents may rest on. */
public final class ProgrammeFacts {

	private ProgrammeFacts() {
	}

	public static Set<String> ids(Path file) {
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			Object loaded = new Yaml().load(reader);
			if (loaded instanceof Map<?, ?> root && root.get("facts") instanceof Map<?, ?> facts && !facts.isEmpty()) {
				return facts.keySet().stream().map(String::valueOf).collect(Collectors.toUnmodifiableSet());
			}
		}
		catch (IOException | RuntimeException e) {
			throw new InvalidCatalog(List.of(file + ": cannot be read as YAML (" + e.getMessage() + ")"));
		}
		throw new InvalidCatalog(List.of(file + ": 'facts' must map fact ids (F1, F2, ...) to their texts"));
	}

}
