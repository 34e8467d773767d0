package th.or.dga.budgetbot.admin;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * How many entries an admin listing may be asked for ({@code ?limit=}): 1 to {@value #MAX}, so
 * that no request reads a whole stream or index. Out of range, the request is answered 400
 * naming the parameter ({@code limit: must be 1 to 500, not 0}), as every invalid admin request
 * is ({@link InvalidAdminRequests}).
 */
@Min(1)
@Max(ListingLimit.MAX)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ ElementType.PARAMETER, ElementType.FIELD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ListingLimit {

	int MAX = 500;

	String message() default "must be 1 to " + MAX + ", not ${validatedValue}";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
