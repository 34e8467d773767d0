package th.or.dga.budgetbot.agency;

/** What can go wrong with agency data, named after what happened; mapped to HTTP at the edge. */
public final class AgencyProblems {

	private AgencyProblems() {
	}

	/** 404. */
	public static class AgencyNotFound extends RuntimeException {

		public AgencyNotFound(String code) {
			super("no agency with code '" + code + "'; create it first with PUT /api/admin/agencies/" + code);
		}

	}

	/** 404. */
	public static class SubmissionNotFound extends RuntimeException {

		public SubmissionNotFound(String agency, String requestId) {
			super("agency " + agency + " has no request '" + requestId + "'");
		}

	}

	/** 409: the status change is not one the process allows; nothing was changed. */
	public static class IllegalTransition extends RuntimeException {

		public IllegalTransition(String requestId, SubmissionStatus from, SubmissionStatus to) {
			super("request " + requestId + " cannot go from " + from + " to " + to + "; from " + from + " it can go to "
					+ (from.next().isEmpty() ? "nothing (final status)" : from.next()));
		}

	}

	/** 400/422: the data itself is wrong; the message says which field and how. */
	public static class InvalidAgencyData extends RuntimeException {

		public InvalidAgencyData(String message) {
			super(message);
		}

	}

}
