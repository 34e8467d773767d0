package th.or.dga.budgetbot.agency;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;

import th.or.dga.budgetbot.admin.Admins;
import th.or.dga.budgetbot.admin.AuditTrail;
import th.or.dga.budgetbot.admin.Problems;
import th.or.dga.budgetbot.agency.AgencyConfiguration.AgencyProperties;
import th.or.dga.budgetbot.agency.AgencyProblems.AgencyNotFound;
import th.or.dga.budgetbot.agency.AgencyProblems.IllegalTransition;
import th.or.dga.budgetbot.agency.SubmissionManagement.Applied;
import th.or.dga.budgetbot.agency.SubmissionManagement.RejectedChange;

/**
 * The admin API of agencies, link codes and budget requests. Every write is audited. A request
 * stored in a form that cannot be read is left out of the listing and named in its
 * {@value #UNREADABLE} header; a PUT of it (all fields) replaces it.
 */
@RestController
@RequestMapping("/api/admin")
class AgencyAdminController {

	static final String UNREADABLE = "Unreadable-Submissions";

	/** What the audit trail shows as "before" of a request that could not be read. */
	private static final Map<String, Object> UNREADABLE_BEFORE = Map.of("unreadable", true);

	private final RedisAgencies agencies;

	private final RedisSubmissions submissions;

	private final SubmissionManagement management;

	private final StaffLinking linking;

	private final AuditTrail audit;

	private final AgencyProperties properties;

	AgencyAdminController(RedisAgencies agencies, RedisSubmissions submissions, SubmissionManagement management,
			StaffLinking linking, AuditTrail audit, AgencyProperties properties) {
		this.agencies = agencies;
		this.submissions = submissions;
		this.management = management;
		this.linking = linking;
		this.audit = audit;
		this.properties = properties;
	}

	record AgencyRequest(@NotBlank @Size(max = 200) String nameTh, @NotBlank @Size(max = 200) String nameEn,
			@Size(max = 200) String ministry) {
	}

	@PutMapping("/agencies/{code}")
	@PreAuthorize("hasAuthority('agency:write')")
	ResponseEntity<Agency> putAgency(@PathVariable String code, @Valid @RequestBody AgencyRequest request) {
		String normalized = SubmissionManagement.normalizeCode(code);
		Agency before = agencies.find(normalized).orElse(null);
		Agency after = new Agency(normalized, request.nameTh().strip(), request.nameEn().strip(),
				request.ministry() == null ? null : request.ministry().strip());
		agencies.save(after);
		audit.record(Admins.current(), "agency.put", "agency/" + normalized, before, after);
		return ResponseEntity.status(before == null ? HttpStatus.CREATED : HttpStatus.OK).body(after);
	}

	@GetMapping("/agencies")
	@PreAuthorize("hasAuthority('read')")
	List<Agency> listAgencies() {
		return agencies.all();
	}

	@PostMapping("/agencies/{code}/link-codes")
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize("hasAuthority('agency:write')")
	LinkCode issueLinkCode(@PathVariable String code) {
		String normalized = SubmissionManagement.normalizeCode(code);
		LinkCode issued = linking.issue(normalized);
		// The code itself is a secret: the trail records only that one was issued, and until when.
		audit.record(Admins.current(), "agency.link-code", "agency/" + normalized, null, Map.of("expiresAt", issued.expiresAt()));
		return issued;
	}

	@PutMapping("/agencies/{code}/submissions/{requestId}")
	@PreAuthorize("hasAuthority('submission:write')")
	ResponseEntity<Submission> putSubmission(@PathVariable String code, @PathVariable String requestId,
			@RequestBody SubmissionUpdate update) {
		Applied applied = management.put(code, requestId, update, Admins.current().name());
		auditWrite("submission.put", applied);
		return ResponseEntity.status(applied.created() ? HttpStatus.CREATED : HttpStatus.OK).body(applied.after());
	}

	private void auditWrite(String action, Applied applied) {
		audit.record(Admins.current(), action, "submission/" + applied.after().agency() + "/" + applied.after().requestId(),
				applied.replacedUnreadable() ? UNREADABLE_BEFORE : applied.before(), applied.after());
	}

	@GetMapping("/agencies/{code}/submissions")
	@PreAuthorize("hasAuthority('read')")
	ResponseEntity<List<Submission>> listSubmissions(@PathVariable String code) {
		String normalized = SubmissionManagement.normalizeCode(code);
		agencies.find(normalized).orElseThrow(() -> new AgencyNotFound(normalized));
		RedisSubmissions.Listing listing = submissions.listing(normalized);
		ResponseEntity.BodyBuilder response = ResponseEntity.ok();
		if (!listing.unreadable().isEmpty()) {
			response.header(UNREADABLE, String.join(", ", listing.unreadable()));
		}
		return response.body(listing.submissions());
	}

	/** The body is read as a stream, never past the limit, so that a huge upload costs nothing but its refusal. */
	@PostMapping(path = "/submissions/import", consumes = { "text/csv", MediaType.TEXT_PLAIN_VALUE })
	@PreAuthorize("hasAuthority('submission:write')")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description = "the CSV, UTF-8",
			content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
	Imported importCsv(HttpServletRequest request) throws IOException {
		try (InputStream body = request.getInputStream()) {
			return importRows(CsvUpload.text(body, request.getContentLengthLong(), properties.importMaxSize().toBytes()));
		}
	}

	@PostMapping(path = "/submissions/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasAuthority('submission:write')")
	Imported importFile(@RequestParam("file") MultipartFile file) throws IOException {
		try (InputStream body = file.getInputStream()) {
			return importRows(CsvUpload.text(body, file.getSize(), properties.importMaxSize().toBytes()));
		}
	}

	/** What an import wrote: all its rows, of which so many new requests and so many changed. */
	record Imported(int imported, long created, long updated) {
	}

	private Imported importRows(String csv) {
		List<SubmissionCsv.Row> rows = SubmissionCsv.read(new StringReader(csv), properties.importMaxRows());
		List<Applied> applied;
		try {
			applied = management.apply(rows.stream().map(SubmissionCsv.Row::change).toList(), Admins.current().name());
		}
		catch (RejectedChange rejected) {
			throw new RowRejected(rows.get(rejected.index()).line(), rejected.reason());
		}
		for (Applied a : applied) {
			auditWrite("submission.import", a);
		}
		long created = applied.stream().filter(Applied::created).count();
		return new Imported(applied.size(), created, applied.size() - created);
	}

	/** A row of an import names a missing agency, an illegal transition or bad data. */
	static class RowRejected extends RuntimeException {

		final int line;

		RowRejected(int line, RuntimeException reason) {
			super("line " + line + ": " + reason.getMessage() + "; nothing of the file was written", reason);
			this.line = line;
		}

	}

	@ExceptionHandler({ AgencyNotFound.class, AgencyProblems.SubmissionNotFound.class })
	ProblemDetail notFound(RuntimeException e) {
		return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
	}

	@ExceptionHandler(IllegalTransition.class)
	ProblemDetail conflict(IllegalTransition e) {
		return problem(HttpStatus.CONFLICT, "Status change not allowed", e.getMessage());
	}

	@ExceptionHandler(AgencyProblems.InvalidAgencyData.class)
	ProblemDetail invalid(AgencyProblems.InvalidAgencyData e) {
		return problem(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid data", e.getMessage());
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		return Problems.problem(status, title, detail);
	}

	@ExceptionHandler(AgencyProblems.ImportTooLarge.class)
	ProblemDetail tooLarge(AgencyProblems.ImportTooLarge e) {
		return problem(HttpStatus.PAYLOAD_TOO_LARGE, "CSV not imported", e.getMessage());
	}

	@ExceptionHandler(AgencyProblems.CsvNotUtf8.class)
	ProblemDetail notUtf8(AgencyProblems.CsvNotUtf8 e) {
		return problem(HttpStatus.UNPROCESSABLE_ENTITY, "CSV not imported", e.getMessage());
	}

	@ExceptionHandler(SubmissionCsv.InvalidCsv.class)
	ProblemDetail invalidCsv(SubmissionCsv.InvalidCsv e) {
		return Problems.problem(HttpStatus.UNPROCESSABLE_ENTITY, "CSV not imported", e.getMessage(), Map.of("errors", e.errors()));
	}

	@ExceptionHandler(RowRejected.class)
	ProblemDetail rowRejected(RowRejected e) {
		HttpStatus status = e.getCause() instanceof IllegalTransition ? HttpStatus.CONFLICT
				: e.getCause() instanceof AgencyNotFound ? HttpStatus.NOT_FOUND : HttpStatus.UNPROCESSABLE_ENTITY;
		return Problems.problem(status, "CSV not imported", e.getMessage(),
				Map.of("errors", List.of(e.getMessage()), "line", e.line));
	}

}
