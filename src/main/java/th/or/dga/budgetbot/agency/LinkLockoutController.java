package th.or.dga.budgetbot.agency;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import th.or.dga.budgetbot.admin.Admins;
import th.or.dga.budgetbot.admin.AuditTrail;
import th.or.dga.budgetbot.admin.Problems;
import th.or.dga.budgetbot.agency.StaffLinking.Lockout;

/**
 * Officers locked out of linking after five wrong codes, and lifting a lockout before its hour
 * is up. Users appear only as keyed hashes; the locked-out officer is shown the first
 * characters of theirs, to read out to the admin. Lifting is audited.
 */
@RestController
@RequestMapping("/api/admin/link-lockouts")
class LinkLockoutController {

	private static final Pattern HASHED_USER = Pattern.compile("[0-9a-f]{64}");

	private final StaffLinking linking;

	private final AuditTrail audit;

	LinkLockoutController(StaffLinking linking, AuditTrail audit) {
		this.linking = linking;
		this.audit = audit;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('read')")
	List<Lockout> list(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
		return linking.lockouts(limit);
	}

	@DeleteMapping("/{hashedUser}")
	@PreAuthorize("hasAuthority('agency:write')")
	ResponseEntity<Void> unlock(@PathVariable String hashedUser) {
		if (!HASHED_USER.matcher(hashedUser).matches()) {
			throw new LockoutNotFound("'" + (hashedUser.length() > 64 ? hashedUser.substring(0, 64) + "…" : hashedUser)
					+ "' is not a hashed user: give the 64 hex characters of 'user' as GET /api/admin/link-lockouts lists them");
		}
		Lockout lifted = linking.unlock(hashedUser)
			.orElseThrow(() -> new LockoutNotFound("user " + hashedUser + " is not locked out (any more); "
					+ "GET /api/admin/link-lockouts lists those who are"));
		audit.record(Admins.current(), "link-lockout.delete", "link-lockout/" + hashedUser, lifted, null);
		return ResponseEntity.noContent().build();
	}

	/** 404: no such lockout, or not a hashed user at all. */
	static class LockoutNotFound extends RuntimeException {

		LockoutNotFound(String message) {
			super(message);
		}

	}

	@ExceptionHandler(LockoutNotFound.class)
	ProblemDetail notFound(LockoutNotFound e) {
		return Problems.problem(HttpStatus.NOT_FOUND, "No such lockout", e.getMessage());
	}

}
