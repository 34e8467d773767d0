package th.or.dga.budgetbot.agency;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * Reads a CSV of budget requests (UTF-8, Thai titles, a header row):
 * {@code agency,requestId,fiscalYear,title,amountRequested,status,allocatedAmount}.
 * Every row that cannot be read is reported with its line number and the field; a file of more
 * rows than the limit is refused as it is read.
 */
public final class SubmissionCsv {

	static final List<String> COLUMNS = List.of("agency", "requestId", "fiscalYear", "title", "amountRequested", "status",
			"allocatedAmount");

	private static final List<String> REQUIRED = List.of("agency", "requestId", "fiscalYear", "title", "amountRequested",
			"status");

	/** How many row errors a refusal lists. */
	static final int MAX_ERRORS = 100;

	private SubmissionCsv() {
	}

	/** A row as read, with the line it starts on. */
	public record Row(int line, SubmissionManagement.Change change) {
	}

	/** The file has rows that cannot be read; nothing of it was written. */
	public static class InvalidCsv extends RuntimeException {

		private final List<String> errors;

		public InvalidCsv(List<String> errors) {
			super(errors.size() + " row(s) cannot be imported; nothing was written: "
					+ String.join("; ", errors.subList(0, Math.min(errors.size(), 3))) + (errors.size() > 3 ? "; …" : ""));
			// A file of ten thousand bad rows must not make a response of ten thousand messages.
			List<String> shown = new ArrayList<>(errors.subList(0, Math.min(errors.size(), MAX_ERRORS)));
			if (errors.size() > MAX_ERRORS) {
				shown.add("… and " + (errors.size() - MAX_ERRORS) + " more");
			}
			this.errors = List.copyOf(shown);
		}

		public List<String> errors() {
			return errors;
		}

	}

	/**
	 * @throws InvalidCsv listing every row that cannot be read
	 * @throws AgencyProblems.ImportTooLarge past {@code maxRows} rows
	 */
	public static List<Row> read(Reader reader, int maxRows) {
		CsvMapper mapper = new CsvMapper();
		mapper.enable(CsvParser.Feature.TRIM_SPACES).enable(CsvParser.Feature.SKIP_EMPTY_LINES);
		List<Row> rows = new ArrayList<>();
		List<String> errors = new ArrayList<>();
		try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class)
			.with(CsvSchema.emptySchema().withHeader())
			.readValues(reader)) {
			while (it.hasNextValue()) {
				if (rows.size() + errors.size() >= maxRows) {
					throw new AgencyProblems.ImportTooLarge("the file has more than " + maxRows + " rows (app.agency.import-max-rows)");
				}
				int line = it.getCurrentLocation().getLineNr();
				Map<String, String> row;
				try {
					row = it.nextValue();
				}
				catch (RuntimeException e) {
					errors.add("line " + line + ": " + e.getMessage());
					continue;
				}
				if (rows.isEmpty() && errors.isEmpty()) {
					List<String> missing = REQUIRED.stream().filter(c -> !row.containsKey(c)).sorted().toList();
					if (!missing.isEmpty()) {
						throw new InvalidCsv(List.of("line 1: the header lacks " + missing + "; columns are " + COLUMNS));
					}
				}
				parse(line, row, rows, errors);
			}
		}
		catch (IOException | RuntimeException e) {
			if (e instanceof InvalidCsv || e instanceof AgencyProblems.ImportTooLarge) {
				throw (RuntimeException) e;
			}
			errors.add("the file cannot be read as CSV: " + e.getMessage());
		}
		if (!errors.isEmpty()) {
			throw new InvalidCsv(errors);
		}
		if (rows.isEmpty()) {
			throw new InvalidCsv(List.of("the file has no rows after the header"));
		}
		return rows;
	}

	private static void parse(int line, Map<String, String> row, List<Row> rows, List<String> errors) {
		List<String> problems = new ArrayList<>();
		for (String column : REQUIRED) {
			if (row.get(column) == null || row.get(column).isBlank()) {
				problems.add(column + ": is empty");
			}
		}
		Integer year = null;
		BigDecimal amount = null;
		BigDecimal allocated = null;
		SubmissionStatus status = null;
		try {
			year = blank(row.get("fiscalYear")) ? null : Integer.valueOf(row.get("fiscalYear").strip());
		}
		catch (NumberFormatException e) {
			problems.add("fiscalYear: must be a B.E. year such as 2565, not '" + shorten(row.get("fiscalYear")) + "'");
		}
		try {
			amount = Baht.parse("amountRequested", row.get("amountRequested"));
		}
		catch (AgencyProblems.InvalidAgencyData e) {
			problems.add(e.getMessage());
		}
		try {
			allocated = Baht.parse("allocatedAmount", row.get("allocatedAmount"));
		}
		catch (AgencyProblems.InvalidAgencyData e) {
			problems.add(e.getMessage());
		}
		try {
			status = blank(row.get("status")) ? null : SubmissionStatus.valueOf(row.get("status").strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			problems.add("status: must be one of " + List.of(SubmissionStatus.values()) + ", not '" + shorten(row.get("status")) + "'");
		}
		if (!problems.isEmpty()) {
			errors.add("line " + line + ": " + String.join(", ", problems));
			return;
		}
		rows.add(new Row(line, new SubmissionManagement.Change(row.get("agency"), row.get("requestId"),
				new SubmissionUpdate(year, row.get("title"), amount, status, allocated))));
	}

	private static String shorten(String value) {
		return value.length() <= 20 ? value : value.substring(0, 20) + "…";
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
