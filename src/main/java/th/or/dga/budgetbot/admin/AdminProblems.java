package th.or.dga.budgetbot.admin;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import th.or.dga.budgetbot.agency.AgencyProblems.AgencyNotFound;
import th.or.dga.budgetbot.agency.AgencyProblems.IllegalTransition;
import th.or.dga.budgetbot.agency.AgencyProblems.InvalidAgencyData;
import th.or.dga.budgetbot.agency.AgencyProblems.SubmissionNotFound;

/** Domain failures of the admin API as RFC 9457 problem details, with a message a person can act on. */
@RestControllerAdvice
class AdminProblems {

	@ExceptionHandler({ AgencyNotFound.class, SubmissionNotFound.class, NotFound.class })
	ProblemDetail notFound(RuntimeException e) {
		return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
	}

	@ExceptionHandler(IllegalTransition.class)
	ProblemDetail conflict(IllegalTransition e) {
		return problem(HttpStatus.CONFLICT, "Status change not allowed", e.getMessage());
	}

	@ExceptionHandler(InvalidAgencyData.class)
	ProblemDetail invalid(InvalidAgencyData e) {
		return problem(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid data", e.getMessage());
	}

	@ExceptionHandler(BadRequest.class)
	ProblemDetail badRequest(BadRequest e) {
		return problem(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage());
	}

	static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
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
