package th.or.dga.budgetbot.admin;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Token management (bootstrap token only) and the audit trail. */
@RestController
@RequestMapping("/api/admin")
class AdminTokenController {

	private final AdminTokens tokens;

	private final AuditTrail audit;

	AdminTokenController(AdminTokens tokens, AuditTrail audit) {
		this.tokens = tokens;
		this.audit = audit;
	}

	record NewToken(@NotBlank @Size(max = 100) String name, @NotEmpty Set<String> roles) {
	}

	@PostMapping("/tokens")
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize("principal.bootstrap()")
	IssuedToken create(@Valid @RequestBody NewToken request) {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		for (String name : request.roles()) {
			roles.add(Role.of(name).orElseThrow(() -> new Role.UnknownRole(name)));
		}
		AdminTokens.Issued issued = tokens.create(request.name(), roles);
		audit.record(Admins.current(), "token.create", "token/" + issued.token().id(), null, issued.token());
		return new IssuedToken(issued.token().id(), issued.token().name(),
				roles.stream().map(Role::authority).sorted().toList(), issued.secret(),
				"the token is shown only now; store it safely");
	}

	/** A new token, with its secret shown this once. */
	record IssuedToken(String id, String name, java.util.List<String> roles, String token, String note) {
	}

	@GetMapping("/tokens")
	@PreAuthorize("principal.bootstrap()")
	List<AdminToken> list() {
		return tokens.all();
	}

	@DeleteMapping("/tokens/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@PreAuthorize("principal.bootstrap()")
	void revoke(@PathVariable String id) {
		AdminToken revoked = tokens.revoke(id).orElseThrow(() -> new AdminProblems.NotFound("no admin token with id " + id));
		audit.record(Admins.current(), "token.revoke", "token/" + id, revoked, null);
	}

	@GetMapping("/audit")
	@PreAuthorize("hasAuthority('read')")
	List<AuditTrail.Entry> auditTrail(@RequestParam(defaultValue = "100") int limit) {
		return audit.latest(Math.max(1, Math.min(limit, 1000)));
	}

}
