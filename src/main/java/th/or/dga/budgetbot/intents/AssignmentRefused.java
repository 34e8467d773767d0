package th.or.dga.budgetbot.intents;

/**
 * Questions could not be written into an intent file without changing something other than
 * its examples; the file and the catalog were left as they were. The message names the file
 * and what to do.
 */
class AssignmentRefused extends RuntimeException {

	AssignmentRefused(String message) {
		super(message);
	}

}
