package th.or.dga.budgetbot.admin;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * A request body of the admin API that cannot be read or is invalid: 400 with each problem as
 * {@code field: what is wrong} ({@code amountRequested: must be a number},
 * {@code messages[2].text: must not be blank}) in {@code errors}, instead of Spring's "Invalid
 * request content.". Ahead of Spring Boot's handler, which still answers outside the admin API;
 * a controller's own {@code @ExceptionHandler}s come first anyway.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class InvalidAdminRequests {

	private static final String OURS = "th.or.dga.budgetbot.";

	private final ObjectProvider<ResponseEntityExceptionHandler> standard;

	InvalidAdminRequests(ObjectProvider<ResponseEntityExceptionHandler> standard) {
		this.standard = standard;
	}

	@ExceptionHandler({ HttpMessageNotReadableException.class, MethodArgumentNotValidException.class,
			HandlerMethodValidationException.class })
	Object invalid(Exception e, HttpServletRequest request, WebRequest webRequest) throws Exception {
		if (!request.getRequestURI().startsWith(request.getContextPath() + AdminSecurityConfiguration.ADMIN_API)) {
			ResponseEntityExceptionHandler handler = standard.getIfUnique();
			if (handler == null) {
				throw e;
			}
			return handler.handleException(e, webRequest);
		}
		List<String> errors;
		if (e instanceof HttpMessageNotReadableException unreadable) {
			errors = List.of(unreadable(unreadable));
		}
		else if (e instanceof MethodArgumentNotValidException invalid) {
			errors = invalid.getBindingResult()
				.getAllErrors()
				.stream()
				.map(error -> error instanceof FieldError field ? field.getField() + ": " + field.getDefaultMessage()
						: "body: " + error.getDefaultMessage())
				.sorted()
				.toList();
		}
		else {
			errors = parameters((HandlerMethodValidationException) e);
		}
		return problem(errors);
	}

	private static ProblemDetail problem(List<String> errors) {
		return Problems.problem(HttpStatus.BAD_REQUEST, "Invalid request", String.join("; ", errors), Map.of("errors", errors));
	}

	private static List<String> parameters(HandlerMethodValidationException e) {
		List<String> errors = new ArrayList<>();
		e.getParameterValidationResults().forEach(result -> {
			if (result instanceof ParameterErrors objectErrors) {
				objectErrors.getFieldErrors().forEach(f -> errors.add(f.getField() + ": " + f.getDefaultMessage()));
				objectErrors.getGlobalErrors().forEach(g -> errors.add(g.getObjectName() + ": " + g.getDefaultMessage()));
				return;
			}
			String name = result.getMethodParameter().getParameterName();
			for (MessageSourceResolvable error : result.getResolvableErrors()) {
				errors.add((name == null ? "parameter" : name) + ": " + error.getDefaultMessage());
			}
		});
		e.getCrossParameterValidationResults().forEach(error -> errors.add("request: " + error.getDefaultMessage()));
		errors.sort(null);
		return errors;
	}

	/** The field's path in the body, then what is wrong with it. */
	static String unreadable(HttpMessageNotReadableException e) {
		Throwable cause = e.getCause();
		if (cause instanceof JsonParseException parse) {
			var location = parse.getLocation();
			return "body: is not valid JSON" + (location == null ? ""
					: " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")");
		}
		if (cause instanceof JsonMappingException mapping) {
			return path(mapping) + ": " + problem(mapping);
		}
		if (cause instanceof JsonProcessingException processing) {
			// Jackson's own limits (a number of a thousand digits): its message says which.
			return "body: " + processing.getOriginalMessage();
		}
		return "body: is missing or cannot be read as JSON";
	}

	private static String path(JsonMappingException e) {
		StringBuilder path = new StringBuilder();
		for (JsonMappingException.Reference reference : e.getPath()) {
			if (reference.getFieldName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.isEmpty() ? "body" : path.toString();
	}

	private static String problem(JsonMappingException e) {
		Throwable innermost = e;
		while (innermost.getCause() != null && innermost.getCause() != innermost) {
			innermost = innermost.getCause();
		}
		if (innermost != e && innermost.getClass().getName().startsWith(OURS) && innermost.getMessage() != null) {
			return innermost.getMessage();
		}
		if (e instanceof UnrecognizedPropertyException) {
			return "is not a known field";
		}
		if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
			Class<?> type = ((MismatchedInputException) e).getTargetType();
			if (type != null) {
				return "must be " + expected(type);
			}
		}
		return "is not valid";
	}

	/** What a person calls the JSON a Java type takes. */
	static String expected(Class<?> type) {
		if (type.isEnum()) {
			return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf).toList();
		}
		if (Number.class.isAssignableFrom(type) || type == BigDecimal.class || type == BigInteger.class
				|| (type.isPrimitive() && type != boolean.class && type != char.class)) {
			return "a number";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		if (CharSequence.class.isAssignableFrom(type) || type == Character.class || type == char.class) {
			return "a string";
		}
		if (Collection.class.isAssignableFrom(type) || type.isArray()) {
			return "a list";
		}
		if (Temporal.class.isAssignableFrom(type)) {
			return "a date or time in ISO 8601";
		}
		return "an object";
	}

}
