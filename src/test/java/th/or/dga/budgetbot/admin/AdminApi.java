package th.or.dga.budgetbot.admin;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The admin API over HTTP, as an admin's script or the console calls it: a bearer token, JSON. */
public final class AdminApi {

	/** A status and the JSON body (null when there is none). */
	public record Response(int status, JsonNode body, HttpResponse<String> raw) {
	}

	private final HttpClient http = HttpClient.newHttpClient();

	private final ObjectMapper json = new ObjectMapper();

	private final int port;

	private final String token;

	public AdminApi(int port, String token) {
		this.port = port;
		this.token = token;
	}

	/** The same API with another token. */
	public AdminApi as(String otherToken) {
		return new AdminApi(port, otherToken);
	}

	/** Creates a token with the given roles (this API must hold the bootstrap token) and returns it. */
	public String token(String name, String... roles) throws Exception {
		Response created = post("/api/admin/tokens", Map.of("name", name, "roles", List.of(roles)), Map.of());
		if (created.status() != 201) {
			throw new IllegalStateException("token not created: " + created.raw().body());
		}
		return created.body().get("token").asText();
	}

	public Response get(String path) throws Exception {
		return send(HttpRequest.newBuilder(uri(path)).GET(), Map.of());
	}

	public Response post(String path, Object body, Map<String, String> headers) throws Exception {
		String text = body instanceof String s ? s : json.writeValueAsString(body);
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)), headers);
	}

	public Response put(String path, Object body) throws Exception {
		String text = body instanceof String s ? s : json.writeValueAsString(body);
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)), Map.of());
	}

	private Response send(HttpRequest.Builder builder, Map<String, String> headers) throws Exception {
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		headers.forEach(builder::header);
		HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		JsonNode body = response.body() == null || response.body().isBlank() ? null : json.readTree(response.body());
		return new Response(response.statusCode(), body, response);
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

}
