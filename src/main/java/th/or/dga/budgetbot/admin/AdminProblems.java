package th.or.dga.budgetbot.admin;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Failures of the admin API's own requests as RFC 9457 problem details; each feature maps its
 * domain failures next to its endpoints.
 */
@RestControllerAdvice
class AdminProblems {

	@ExceptionHandler(NotFound.class)
	ProblemDetail notFound(NotFound e) {
		return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
	}

	@ExceptionHandler({ BadRequest.class, Role.UnknownRole.class })
	ProblemDetail badRequest(RuntimeException e) {
		return problem(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage());
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		return Problems.problem(status, title, detail);
	}

	/** 404 for something of the admin API itself, such as a token id. */
	static class NotFound extends RuntimeException {

		NotFound(String message) {
			super(message);
		}

	}

	/** 400: the request cannot be read as given. */
	public static class BadRequest extends RuntimeException {

		public BadRequest(String message) {
			super(message);
		}

	}

}
