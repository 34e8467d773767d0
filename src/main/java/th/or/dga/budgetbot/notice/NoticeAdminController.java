package th.or.dga.budgetbot.notice;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import th.or.dga.budgetbot.admin.Admins;
import th.or.dga.budgetbot.admin.AuditTrail;
import th.or.dga.budgetbot.admin.Problems;
import th.or.dga.budgetbot.notice.NoticeProblems.IdempotencyKeyMissing;
import th.or.dga.budgetbot.notice.NoticeProblems.IdempotencyKeyReused;
import th.or.dga.budgetbot.notice.NoticeProblems.InvalidNotice;
import th.or.dga.budgetbot.notice.NoticeProblems.NoticeNotFound;
import th.or.dga.budgetbot.notice.NoticeProblems.NoticeStatusConflict;
import th.or.dga.budgetbot.notice.NoticeProblems.OverQuota;
import th.or.dga.budgetbot.notice.NoticeProblems.OwnNoticeApproval;

/** The admin API of notices. Every write is audited. */
@RestController
@RequestMapping("/api/admin/notices")
class NoticeAdminController {

	private static final int MAX_PAGE_SIZE = 100;

	private final NoticeManagement notices;

	private final AuditTrail audit;

	NoticeAdminController(NoticeManagement notices, AuditTrail audit) {
		this.notices = notices;
		this.audit = audit;
	}

	@PostMapping
	@PreAuthorize("hasAuthority('notice:send')")
	ResponseEntity<?> create(@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
			@RequestBody NoticeRequest request) {
		if (Boolean.TRUE.equals(request.dryRun())) {
			return ResponseEntity.ok(notices.dryRun(request));
		}
		NoticeManagement.Submitted submitted = notices.submit(request, idempotencyKey, Admins.current());
		if (!submitted.created()) {
			return ResponseEntity.ok(submitted.notice());
		}
		audit.record(Admins.current(), "notice.create", "notice/" + submitted.notice().id(), null, submitted.notice());
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(submitted.notice());
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('read')")
	NoticeView get(@PathVariable String id) {
		return notices.view(id);
	}

	@GetMapping
	@PreAuthorize("hasAuthority('read')")
	List<NoticeView> list(@RequestParam(required = false) NoticeStatus status,
			@RequestParam(required = false) OffsetDateTime from, @RequestParam(required = false) OffsetDateTime to,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
		if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
			throw new InvalidNotice(List.of("page: 0 or more; size: 1 to " + MAX_PAGE_SIZE));
		}
		return notices.list(status, instant(from), instant(to), page, size);
	}

	@GetMapping("/{id}/recipients")
	@PreAuthorize("hasAuthority('read')")
	NoticeManagement.Recipient recipient(@PathVariable String id, @RequestParam String userId) {
		return notices.recipient(id, userId);
	}

	@PostMapping("/{id}/cancel")
	@PreAuthorize("hasAuthority('notice:send')")
	NoticeView cancel(@PathVariable String id) {
		NoticeView cancelled = notices.cancel(id, Admins.current());
		audit.record(Admins.current(), "notice.cancel", "notice/" + id, null, Map.of("status", cancelled.status()));
		return cancelled;
	}

	@PostMapping("/{id}/approve")
	@PreAuthorize("hasAuthority('notice:approve')")
	NoticeView approve(@PathVariable String id) {
		NoticeView approved = notices.approve(id, Admins.current());
		audit.record(Admins.current(), "notice.approve", "notice/" + id, null, Map.of("status", approved.status()));
		return approved;
	}

	record TestRequest(String userId) {
	}

	@PostMapping("/{id}/test")
	@PreAuthorize("hasAuthority('notice:send')")
	NoticeManagement.TestSend test(@PathVariable String id, @RequestBody TestRequest request) throws InterruptedException {
		NoticeManagement.TestSend sent = notices.test(id, request.userId());
		audit.record(Admins.current(), "notice.test", "notice/" + id, null,
				Map.of("sent", sent.sent(), "status", sent.status()));
		return sent;
	}

	private static Instant instant(OffsetDateTime time) {
		return time == null ? null : time.toInstant();
	}

	@ExceptionHandler(InvalidNotice.class)
	ProblemDetail invalid(InvalidNotice e) {
		return Problems.problem(HttpStatus.UNPROCESSABLE_ENTITY, "Notice not accepted", e.getMessage(),
				Map.of("errors", e.errors));
	}

	@ExceptionHandler(IdempotencyKeyMissing.class)
	ProblemDetail keyMissing(IdempotencyKeyMissing e) {
		return Problems.problem(HttpStatus.BAD_REQUEST, "Idempotency-Key required", e.getMessage());
	}

	@ExceptionHandler(IdempotencyKeyReused.class)
	ProblemDetail keyReused(IdempotencyKeyReused e) {
		return Problems.problem(HttpStatus.UNPROCESSABLE_ENTITY, "Idempotency-Key reused", e.getMessage(),
				Map.of("notice", e.noticeId));
	}

	@ExceptionHandler(NoticeNotFound.class)
	ProblemDetail notFound(NoticeNotFound e) {
		return Problems.problem(HttpStatus.NOT_FOUND, "Notice not found", e.getMessage());
	}

	@ExceptionHandler(NoticeStatusConflict.class)
	ProblemDetail conflict(NoticeStatusConflict e) {
		return Problems.problem(HttpStatus.CONFLICT, "Not possible in this status", e.getMessage());
	}

	@ExceptionHandler(OwnNoticeApproval.class)
	ProblemDetail ownApproval(OwnNoticeApproval e) {
		return Problems.problem(HttpStatus.FORBIDDEN, "Second admin required", e.getMessage());
	}

	@ExceptionHandler(OverQuota.class)
	ProblemDetail overQuota(OverQuota e) {
		return Problems.problem(HttpStatus.CONFLICT, "Monthly quota would be exceeded", e.getMessage(),
				Map.of("cost", e.cost, "remaining", e.remaining));
	}

}
