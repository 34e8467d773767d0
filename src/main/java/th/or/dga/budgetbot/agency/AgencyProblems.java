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

	/** 413: an import is larger than the configured limit, in bytes or in rows; nothing was written. */
	public static class ImportTooLarge extends RuntimeException {

		public ImportTooLarge(String message) {
			super(message + "; nothing was written. Split the file and import the parts one after the other");
		}

	}

	/** 422: an import is not UTF-8 text (Excel's plain "CSV" is in the Windows Thai code page); nothing was written. */
	public static class CsvNotUtf8 extends RuntimeException {

		public CsvNotUtf8(String where) {
			super("the file is not UTF-8 text (" + where + "); nothing was written. In Excel use File > Save As > "
					+ "'CSV UTF-8 (Comma delimited) (*.csv)'; in LibreOffice Calc choose the character set 'Unicode (UTF-8)'; "
					+ "then import that file");
		}

	}

}
