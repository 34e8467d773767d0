package th.or.dga.budgetbot.agency;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * Reads a CSV of budget requests (UTF-8, Thai titles, a header row):
 * {@code agency,requestId,fiscalYear,title,amountRequested,status,allocatedAmount}.
 * Every row that cannot be read is reported with its line number.
 */
public final class SubmissionCsv {

	static final List<String> COLUMNS = List.of("agency", "requestId", "fiscalYear", "title", "amountRequested", "status",
			"allocatedAmount");

	private static final Set<String> REQUIRED = Set.of("agency", "requestId", "fiscalYear", "title", "amountRequested", "status");

	private SubmissionCsv() {
	}

	/** A row as read, with the line it starts on. */
	public record Row(int line, SubmissionManagement.Change change) {
	}

	/** The file has rows that cannot be read; nothing of it was written. */
	public static class InvalidCsv extends RuntimeException {

		private final List<String> errors;

		public InvalidCsv(List<String> errors) {
			super(errors.size() + " row(s) cannot be imported; nothing was written: " + String.join("; ", errors));
			this.errors = List.copyOf(errors);
		}

		public List<String> errors() {
			return errors;
		}

	}

	public static List<Row> read(Reader reader) {
		CsvMapper mapper = new CsvMapper();
		mapper.enable(CsvParser.Feature.TRIM_SPACES).enable(CsvParser.Feature.SKIP_EMPTY_LINES);
		List<Row> rows = new ArrayList<>();
		List<String> errors = new ArrayList<>();
		try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class)
			.with(CsvSchema.emptySchema().withHeader())
			.readValues(reader)) {
			while (it.hasNextValue()) {
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
			if (e instanceof InvalidCsv invalid) {
				throw invalid;
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
				problems.add(column + " is empty");
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
			problems.add("fiscalYear '" + row.get("fiscalYear") + "' is not a year such as 2565");
		}
		try {
			amount = blank(row.get("amountRequested")) ? null : new BigDecimal(row.get("amountRequested").strip().replace(",", ""));
		}
		catch (NumberFormatException e) {
			problems.add("amountRequested '" + row.get("amountRequested") + "' is not an amount in baht such as 1250000.00");
		}
		try {
			allocated = blank(row.get("allocatedAmount")) ? null : new BigDecimal(row.get("allocatedAmount").strip().replace(",", ""));
		}
		catch (NumberFormatException e) {
			problems.add("allocatedAmount '" + row.get("allocatedAmount") + "' is not an amount in baht");
		}
		try {
			status = blank(row.get("status")) ? null : SubmissionStatus.valueOf(row.get("status").strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			problems.add("status '" + row.get("status") + "' is not one of " + List.of(SubmissionStatus.values()));
		}
		if (!problems.isEmpty()) {
			errors.add("line " + line + ": " + String.join(", ", problems));
			return;
		}
		rows.add(new Row(line, new SubmissionManagement.Change(row.get("agency"), row.get("requestId"),
				new SubmissionUpdate(year, row.get("title"), amount, status, allocated))));
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
