package th.or.dga.budgetbot.conversation;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import th.or.dga.budgetbot.intents.IntentSnapshot;
import th.or.dga.budgetbot.nlu.Classification;

class CalibrationScratch {

	@Test
	void print() throws Exception {
		IntentSnapshot s = TestConversations.trainedCatalog();
		for (String file : List.of("heldout.tsv", "out-of-scope.tsv", "near-miss.tsv")) {
			StringBuilder out = new StringBuilder();
			for (String[] q : AnswerQualityTest.read(file)) {
				Classification c = s.model().classify(q[1]);
				boolean ok = q[0].equals(c.bestGuess());
				out.append(String.format("%s\t%s\t%.3f\t%.3f\t%.3f\t%.3f\t%s\t%s%n", file, ok ? 1 : 0, c.confidence(), c.margin(), c.coverage(), c.similarity(), c.bestGuess(), q[1]));
			}
			java.nio.file.Files.writeString(Path.of("target/calib-" + file), out.toString());
		}
	}

}
