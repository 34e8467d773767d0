package th.or.dga.budgetbot.line;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.Yaml;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/** LINE's official OpenAPI descriptions, from ../shared/line-openapi, as request validators. */
public final class LineContract {

	static final Path SPECS = Path.of("..", "shared", "line-openapi");

	private static OpenApiInteractionValidator messagingApi;

	private static OpenApiInteractionValidator webhook;

	private LineContract() {
	}

	static synchronized OpenApiInteractionValidator messagingApi() {
		if (messagingApi == null) {
			messagingApi = validator("messaging-api.yml");
		}
		return messagingApi;
	}

	static synchronized OpenApiInteractionValidator webhook() {
		if (webhook == null) {
			webhook = validator("webhook.yml");
		}
		return webhook;
	}

	/**
	 * LINE's specs name discriminators (an action's or a message's {@code type}) without
	 * listing them as required, which the JSON-schema validator refuses as a syntax error.
	 * Marking them required makes validation stricter, never looser. {@code allOf} compositions
	 * (an event is Event + its own fields) are merged so that neither half rejects the other's
	 * properties.
	 */
	private static OpenApiInteractionValidator validator(String file) {
		Path spec = SPECS.resolve(file);
		assertThat(Files.isRegularFile(spec)).as("LINE's OpenAPI spec %s (the shared folder beside the project)", spec).isTrue();
		try {
			Object root = new Yaml().load(Files.readString(spec));
			requireDiscriminators(root);
			flattenSubtypes(root);
			return OpenApiInteractionValidator.createForInlineApiSpecification(new Yaml().dump(root))
				.withResolveCombinators(true)
				.build();
		}
		catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	/**
	 * A subtype is written {@code allOf: [$ref Parent, {own fields}]} while the parent's
	 * discriminator maps back to the subtype; the validator cannot follow that cycle. Each
	 * such subtype becomes one object with the parent's and its own properties and required
	 * fields, which is what the spec means.
	 */
	@SuppressWarnings("unchecked")
	private static void flattenSubtypes(Object root) {
		Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) root).get("components"))
			.get("schemas");
		for (Map.Entry<String, Object> entry : schemas.entrySet()) {
			Map<String, Object> schema = (Map<String, Object>) entry.getValue();
			if (!(schema.get("allOf") instanceof List<?> parts) || parts.isEmpty()
					|| !(parts.get(0) instanceof Map<?, ?> first) || !(first.get("$ref") instanceof String ref)) {
				continue;
			}
			Map<String, Object> parent = (Map<String, Object>) schemas.get(ref.substring(ref.lastIndexOf('/') + 1));
			if (parent == null || !parent.containsKey("discriminator")) {
				continue;
			}
			Map<String, Object> properties = new java.util.LinkedHashMap<>();
			List<Object> required = schema.get("required") instanceof List<?> own ? new ArrayList<>(own) : new ArrayList<>();
			for (Map<String, Object> part : List.of(parent, (Map<String, Object>) (parts.size() > 1 ? parts.get(1) : Map.of()))) {
				if (part.get("properties") instanceof Map<?, ?> p) {
					properties.putAll((Map<String, Object>) p);
				}
				if (part.get("required") instanceof List<?> r) {
					r.stream().filter(x -> !required.contains(x)).forEach(required::add);
				}
			}
			schema.remove("allOf");
			schema.put("type", "object");
			schema.put("properties", properties);
			if (!required.isEmpty()) {
				schema.put("required", required);
			}
		}
	}

	@SuppressWarnings("unchecked")
	private static void requireDiscriminators(Object node) {
		if (node instanceof Map<?, ?> map) {
			if (map.get("discriminator") instanceof Map<?, ?> discriminator && map.get("properties") instanceof Map<?, ?> properties
					&& properties.containsKey(discriminator.get("propertyName"))) {
				List<Object> required = map.get("required") instanceof List<?> list ? new ArrayList<>(list) : new ArrayList<>();
				if (!required.contains(discriminator.get("propertyName"))) {
					required.add(discriminator.get("propertyName"));
					((Map<Object, Object>) map).put("required", required);
				}
			}
			map.values().forEach(LineContract::requireDiscriminators);
		}
		else if (node instanceof List<?> list) {
			list.forEach(LineContract::requireDiscriminators);
		}
	}

	/** Asserts that a request the bot sent to the stub is a valid Messaging API request. */
	public static void assertValidMessagingApiRequest(LoggedRequest request) {
		SimpleRequest.Builder builder = new SimpleRequest.Builder(Request.Method.valueOf(request.getMethod().getName()),
				request.getUrl().replaceFirst("\\?.*", ""))
			.withBody(request.getBodyAsString());
		request.getHeaders().all().forEach(h -> builder.withHeader(h.key(), h.values()));
		ValidationReport report = messagingApi().validateRequest(builder.build());
		assertThat(report.hasErrors()).as("request %s %s against messaging-api.yml: %s", request.getMethod(), request.getUrl(),
				report.getMessages()).isFalse();
	}

	/**
	 * Asserts that a request as any stub recorded it (method, path, headers, body or null) is a
	 * valid Messaging API request; {@link LineMessagingStub} uses it.
	 */
	public static void assertValidMessagingApiRequest(String method, String path, Map<String, List<String>> headers, String body) {
		SimpleRequest.Builder builder = new SimpleRequest.Builder(Request.Method.valueOf(method), path.replaceFirst("\\?.*", ""));
		if (body != null && !body.isEmpty()) {
			builder.withBody(body);
		}
		headers.forEach(builder::withHeader);
		ValidationReport report = messagingApi().validateRequest(builder.build());
		assertThat(report.hasErrors()).as("request %s %s against messaging-api.yml: %s", method, path, report.getMessages()).isFalse();
	}

	/** Asserts that a webhook body a test sends is what LINE's webhook description allows. */
	public static void assertValidWebhookBody(String body) {
		ValidationReport report = webhook().validateRequest(SimpleRequest.Builder.post("/callback")
			.withContentType("application/json")
			.withBody(body)
			.build());
		assertThat(report.hasErrors()).as("webhook body against webhook.yml: %s", report.getMessages()).isFalse();
	}

}
