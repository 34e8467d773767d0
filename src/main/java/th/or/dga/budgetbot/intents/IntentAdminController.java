package th.or.dga.budgetbot.intents;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import th.or.dga.budgetbot.admin.Admins;
import th.or.dga.budgetbot.admin.AuditTrail;
import th.or.dga.budgetbot.admin.Problems;

/** Reloading, versions and rollback of the catalog, and the questions users asked that it could not answer. */
@RestController
@RequestMapping("/api/admin/intents")
class IntentAdminController {

	private final CatalogManagement management;

	private final IntentVersions versions;

	private final UnansweredQuestions unanswered;

	private final ActiveIntents active;

	private final AuditTrail audit;

	IntentAdminController(CatalogManagement management, IntentVersions versions, UnansweredQuestions unanswered,
			ActiveIntents active, AuditTrail audit) {
		this.management = management;
		this.versions = versions;
		this.unanswered = unanswered;
		this.active = active;
		this.audit = audit;
	}

	@PostMapping("/reload")
	@PreAuthorize("hasAuthority('intents:write')")
	Map<String, Object> reload() {
		String before = management.activeVersion();
		CatalogManagement.Activated activated = management.reload(Admins.current().name());
		audit.record(Admins.current(), "intents.reload", "intents", Map.of("version", String.valueOf(before)),
				Map.of("version", activated.version().id(), "summary", activated.report().summary()));
		return view(activated);
	}

	@GetMapping("/versions")
	@PreAuthorize("hasAuthority('read')")
	List<Map<String, Object>> versions() {
		String current = management.activeVersion();
		List<Map<String, Object>> list = new ArrayList<>();
		for (IntentVersions.Version v : versions.all()) {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("id", v.id());
			item.put("contentHash", v.contentHash());
			item.put("createdAt", v.createdAt());
			item.put("createdBy", v.createdBy());
			item.put("summary", v.summary());
			item.put("active", v.id().equals(current));
			list.add(item);
		}
		return list;
	}

	@PostMapping("/versions/{id}/activate")
	@PreAuthorize("hasAuthority('intents:write')")
	Map<String, Object> activate(@PathVariable String id) {
		String before = management.activeVersion();
		CatalogManagement.Activated activated = management.activateVersion(id, Admins.current().name());
		audit.record(Admins.current(), "intents.activate", "intents", Map.of("version", String.valueOf(before)),
				Map.of("version", activated.version().id()));
		return view(activated);
	}

	@GetMapping("/unanswered")
	@PreAuthorize("hasAuthority('read')")
	List<UnansweredQuestions.Group> unanswered() {
		return unanswered.groups();
	}

	record Assignment(@NotBlank String intent) {
	}

	/**
	 * Teaches a group's questions to an intent: they are written into its file as examples, the
	 * file must differ from before by exactly those examples, and the catalog goes through the
	 * same validate, evaluate and gate as a reload; the file is changed only if all of it passes.
	 */
	@PostMapping("/unanswered/{group}/assign")
	@PreAuthorize("hasAuthority('intents:write')")
	Map<String, Object> assign(@PathVariable String group, @Valid @RequestBody Assignment assignment) {
		UnansweredQuestions.Group questions = unanswered.group(group)
			.orElseThrow(() -> new IllegalArgumentException("no group of unanswered questions with id " + group));
		Intent intent = active.current()
			.catalog()
			.intent(assignment.intent())
			.orElseThrow(() -> new IllegalArgumentException("no intent '" + assignment.intent() + "'"));
		CatalogManagement.Assigned assigned = management.assign(intent, questions.questions(), Admins.current().name());
		unanswered.forget(questions);
		audit.record(Admins.current(), "intents.assign", "intents/" + intent.source().getFileName(), Map.of("group", group),
				Map.of("intent", intent.id(), "added", assigned.added(), "version", assigned.activated().version().id()));
		Map<String, Object> view = view(assigned.activated());
		view.put("added", assigned.added());
		return view;
	}

	private static Map<String, Object> view(CatalogManagement.Activated activated) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("version", activated.version().id());
		view.put("contentHash", activated.version().contentHash());
		view.put("summary", activated.report().summary());
		view.put("heldOutAccuracy", activated.report().heldOut().accuracy());
		view.put("outOfScopeAccepted", activated.report().outOfScopeAccepted());
		return view;
	}

	@ExceptionHandler(CatalogRejected.class)
	ProblemDetail rejected(CatalogRejected e) {
		return Problems.problem(HttpStatus.UNPROCESSABLE_ENTITY,
				"Catalog refused by the regression gate; the current one keeps serving", e.getMessage(),
				Map.of("reasons", e.reasons()));
	}

	@ExceptionHandler(InvalidCatalog.class)
	ProblemDetail invalid(InvalidCatalog e) {
		return Problems.problem(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid catalog; the current one keeps serving",
				e.getMessage(), Map.of("problems", e.problems()));
	}

	@ExceptionHandler(AssignmentRefused.class)
	ProblemDetail assignmentRefused(AssignmentRefused e) {
		return Problems.problem(HttpStatus.UNPROCESSABLE_ENTITY, "Questions not assigned; nothing was changed", e.getMessage());
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail notFound(IllegalArgumentException e) {
		return Problems.problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
	}

}
