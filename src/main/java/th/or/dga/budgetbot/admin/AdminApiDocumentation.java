package th.or.dga.budgetbot.admin;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/** The admin API's description at /v3/api-docs and /swagger-ui.html, with its bearer token. */
@Configuration(proxyBeanMethods = false)
class AdminApiDocumentation {

	@Bean
	OpenAPI adminApiDescription() {
		return new OpenAPI()
			.info(new Info().title("DGA budget bot admin API")
				.description("Agencies, link codes, budget requests, admin tokens and the audit trail. "
						+ "Authorize with an admin token (ADMIN_TOKEN or one it created); each endpoint needs a role: "
						+ roles() + ". The role metrics is for /actuator/prometheus.")
				.version("1"))
			.components(new Components().addSecuritySchemes("adminToken",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
			.addSecurityItem(new SecurityRequirement().addList("adminToken"));
	}

	/** From the enum, so that a new role cannot be left out of the description. */
	private static String roles() {
		return java.util.Arrays.stream(Role.values()).map(Role::authority).collect(java.util.stream.Collectors.joining(", "));
	}

}
