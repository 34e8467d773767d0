package th.or.dga.budgetbot.intents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import th.or.dga.budgetbot.language.UserText;

/**
 * Changing the catalog while the bot runs: validate, train, pass the regression gate, and only
 * then swap the new model in (messages in flight finish on the old one). Each accepted catalog
 * is stored as a version; activating a version rolls back. The activation is announced so
 * that every instance serves the same version.
 */
public class CatalogManagement {

	private static final Logger log = LoggerFactory.getLogger(CatalogManagement.class);

	private final ActiveIntents active;

	private final IntentTraining training;

	private final IntentVersions versions;

	private final CatalogEvaluation evaluation;

	private final Path directory;

	private final double maxAccuracyDrop;

	private final HeldOutCheck heldOut;

	private final Clock clock;

	private final String instance;

	private final Consumer<String> announce;

	private volatile String activeVersion;

	/** Runs when a catalog has passed, just before it is swapped in (nothing in production). */
	private volatile Runnable beforeSwap = () -> {
	};

	public CatalogManagement(ActiveIntents active, IntentTraining training, IntentVersions versions,
			CatalogEvaluation evaluation, Path directory, double maxAccuracyDrop, double maxTestSimilarity, Clock clock,
			String instance, Consumer<String> announce) {
		this.active = active;
		this.training = training;
		this.versions = versions;
		this.evaluation = evaluation;
		this.directory = directory;
		this.maxAccuracyDrop = maxAccuracyDrop;
		this.heldOut = new HeldOutCheck(maxTestSimilarity);
		this.clock = clock;
		this.instance = instance;
		this.announce = announce;
	}

	/** This instance's name in version announcements. */
	public String instance() {
		return instance;
	}

	/** What an accepted catalog became. */
	public record Activated(IntentVersions.Version version, CatalogEvaluation.Report report) {
	}

	/**
	 * At start: the version the instances share if there is one (a restart must not undo a
	 * rollback), else the folder's catalog, which becomes the first version.
	 */
	public synchronized void start() {
		IntentSnapshot fromDisk = active.current();
		var shared = versions.active().flatMap(versions::find);
		if (shared.isPresent() && !shared.get().contentHash().equals(fromDisk.catalog().contentHash())) {
			try {
				active.activate(training.train(directory, shared.get().files()));
				log.warn("Serving intent version {} shared in Redis; the folder {} differs from it: "
						+ "POST /api/admin/intents/reload to deploy the folder", shared.get().id(), directory);
				activeVersion = shared.get().id();
				return;
			}
			catch (InvalidCatalog e) {
				// Stored before a rule it breaks (a key twice, say): the folder, which passed, serves instead.
				log.warn("Intent version {} shared in Redis is no longer valid ({}); serving the folder {} instead",
						shared.get().id(), String.join("; ", e.problems()), directory);
			}
		}
		// A restart finds its folder's catalog stored already, with the evaluation made when it was.
		IntentVersions.Version version = versions.withContent(fromDisk.catalog().contentHash()).orElseGet(() -> {
			CatalogEvaluation.Report report = evaluation.quick(fromDisk.catalog(), fromDisk.model(), tests());
			return versions.save(fromDisk.catalog(), "start-up", report.summary(), clock.instant());
		});
		versions.markActive(version.id());
		activeVersion = version.id();
	}

	/** Reloads the folder: refused (CatalogRejected, InvalidCatalog) unless it is valid and passes the gate. */
	public synchronized Activated reload(String by) {
		return activate(IntentCatalogLoader.read(directory), by, true);
	}

	/** Validates, trains and gates files that are not yet in the folder (an assignment of examples). */
	public synchronized Activated tryFiles(Map<String, String> files, String by) {
		return activate(files, by, true);
	}

	/** What an assignment added, and the catalog it became. */
	public record Assigned(Activated activated, List<String> added) {
	}

	/**
	 * Teaches questions to an intent: they are written into its file as examples (each cleaned
	 * as user text, those it already has left out), the file is checked to differ from before by
	 * exactly these examples (AssignmentRefused otherwise), and the catalog goes through the
	 * same validation and gate as a reload. The file is written only if all of that passes.
	 */
	public synchronized Assigned assign(Intent intent, List<String> questions, String by) {
		String fileName = intent.source().getFileName().toString();
		Map<String, String> files = new LinkedHashMap<>(IntentCatalogLoader.read(directory));
		String before = files.get(fileName);
		if (before == null) {
			throw new AssignmentRefused(fileName + ": is no longer in " + directory + "; reload the catalog first");
		}
		Set<String> known = new HashSet<>();
		intent.thaiExamples().forEach(e -> known.add(IntentCatalogLoader.exampleKey(e)));
		intent.englishExamples().forEach(e -> known.add(IntentCatalogLoader.exampleKey(e)));
		List<String> added = questions.stream()
			.map(UserText::clean)
			.filter(q -> !q.isEmpty() && known.add(IntentCatalogLoader.exampleKey(q)))
			.toList();
		String updated = ExampleWriter.add(fileName, before, added);
		files.put(fileName, updated);
		Activated activated = activate(files, by, true);
		try {
			Files.writeString(directory.resolve(fileName), updated, StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException("the catalog was activated but " + fileName + " could not be written", e);
		}
		return new Assigned(activated, added);
	}

	/** Rolls back (or forward) to a stored version; it passed the gate when it was accepted. */
	public synchronized Activated activateVersion(String id, String by) {
		IntentVersions.Version version = versions.find(id)
			.orElseThrow(() -> new IllegalArgumentException("no intent version " + id));
		return activate(version.files(), by, false);
	}

	/** Another instance activated a version: serve it too. */
	public synchronized void activatedElsewhere(String id) {
		if (id.equals(activeVersion)) {
			return;
		}
		versions.find(id).ifPresent(version -> {
			active.activate(training.train(directory, version.files()));
			activeVersion = id;
			log.info("Now serving intent version {} (activated on another instance)", id);
		});
	}

	public String activeVersion() {
		return activeVersion;
	}

	/** Where a test holds a swap back, to have messages provably in flight across it. */
	void beforeSwap(Runnable hook) {
		this.beforeSwap = hook;
	}

	private Activated activate(Map<String, String> files, String by, boolean gate) {
		IntentSnapshot candidate = training.train(directory, files);
		TestQuestions tests = tests();
		CatalogEvaluation.Report report = evaluation.quick(candidate.catalog(), candidate.model(), tests);
		if (gate) {
			IntentSnapshot current = active.current();
			CatalogEvaluation.Report before = evaluation.quick(current.catalog(), current.model(), tests);
			List<String> reasons = new ArrayList<>();
			dropped(reasons, "held-out accuracy", before.heldOut().accuracy(), report.heldOut().accuracy());
			dropped(reasons, "independent in-scope questions answered", before.independentAnswered(),
					report.independentAnswered());
			// Not the independent near misses: declined by the classifier alone, without the conversation's
			// near-miss rules that decline most of them, a share of 81 questions that moves by 2 points
			// when one question moves; IndependentQualityTest measures them as users get them.
			report.mustPassFailures().forEach(f -> reasons.add("must-pass question missed: " + f));
			reasons.addAll(newNearDuplicates(current.catalog(), candidate.catalog(), tests));
			if (!reasons.isEmpty()) {
				throw new CatalogRejected(reasons);
			}
		}
		IntentVersions.Version version = versions.save(candidate.catalog(), by, report.summary(), clock.instant());
		beforeSwap.run();
		active.activate(candidate);
		versions.markActive(version.id());
		activeVersion = version.id();
		announce.accept(version.id());
		log.info("Activated intent version {} by {}: {}", version.id(), by, report.summary());
		return new Activated(version, report);
	}

	private void dropped(List<String> reasons, String what, double before, double after) {
		if (after < before - maxAccuracyDrop) {
			reasons.add(String.format("%s would drop from %.3f to %.3f (more than %.0f points)", what, before, after,
					maxAccuracyDrop * 100));
		}
	}

	/**
	 * Test questions the candidate would train on (near-duplicates of its examples) that the
	 * serving catalog does not: a taught example copied from a test question stops it measuring.
	 * Those the serving catalog already has are left to {@code intents validate}, so that they
	 * do not block every reload.
	 */
	private List<String> newNearDuplicates(IntentCatalog current, IntentCatalog candidate, TestQuestions tests) {
		List<HeldOutCheck.NearDuplicate> after = heldOut.find(candidate.trainingExamples(), tests.all());
		if (after.isEmpty()) {
			return List.of();
		}
		Set<TestQuestions.Located> already = new HashSet<>();
		heldOut.find(current.trainingExamples(), tests.all()).forEach(d -> already.add(d.question()));
		return after.stream()
			.filter(d -> !already.contains(d.question()))
			.map(d -> "an example would copy a test question: " + d.problem(heldOut.maxSimilarity()))
			.toList();
	}

	private TestQuestions tests() {
		Path tests = directory.resolve("tests");
		return Files.isDirectory(tests) ? TestQuestions.load(tests) : TestQuestions.none();
	}

}
