package th.or.dga.budgetbot.admin;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code app.admin}: the bootstrap token ({@code ADMIN_TOKEN}), how many failed
 * authentications a client address may make in a minute before it is locked out for the rest
 * of that minute, how many entries the audit trail keeps, and the largest request body the
 * admin API reads (the CSV import has its own limit).
 *
 * <p>The token's length is checked by {@link BootstrapToken}, not here: a Bean Validation
 * failure would print the rejected value, which is the secret.
 */
@Validated
@ConfigurationProperties("app.admin")
record AdminProperties(String bootstrapToken, @Min(1) @Max(10_000) int authFailuresPerMinute,
		@Min(100) long auditMaxEntries, DataSize maxBodySize) {

	AdminProperties {
		maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(1) : maxBodySize;
	}

	@Override
	public String toString() {
		return "AdminProperties[bootstrapToken=" + (bootstrapToken == null || bootstrapToken.isEmpty() ? "(none)" : "(set)")
				+ ", authFailuresPerMinute=" + authFailuresPerMinute + ", auditMaxEntries=" + auditMaxEntries + ", maxBodySize=" + maxBodySize + "]";
	}

}
