package th.or.dga.budgetbot.admin;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** RFC 9457 problem details as the admin API writes them: a status, a title, and a detail a person can act on. */
public final class Problems {

	private Problems() {
	}

	public static ProblemDetail problem(HttpStatus status, String title, String detail) {
		return problem(status, title, detail, Map.of());
	}

	/** With extra members, such as the list of errors of a refused file. */
	public static ProblemDetail problem(HttpStatus status, String title, String detail, Map<String, Object> properties) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		properties.forEach(problem::setProperty);
		return problem;
	}

}
