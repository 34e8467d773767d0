package th.or.dga.budgetbot.agency;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The CSV import's limits through the running app, set small here: a body over the size limit
 * is refused from its Content-Length, or while it is read when it has none; a multipart file
 * over the limit and a file of too many rows likewise; each a 413 problem detail, nothing written.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "line.bot.channel-secret=import-limits-secret-0123456789", "line.bot.channel-token=import-limits-token",
				"app.admin.bootstrap-token=" + SubmissionImportLimitsTest.ADMIN, "app.agency.import-max-size=2KB",
				"app.agency.import-max-rows=3" })
class SubmissionImportLimitsTest {

	static final String ADMIN = "import-limits-admin-token-0123456789abcdef";

	private static final String HEADER = "agency,requestId,fiscalYear,title,amountRequested,status\n";

	private final HttpClient http = HttpClient.newHttpClient();

	private final ObjectMapper json = new ObjectMapper();

	@LocalServerPort
	int port;

	@Test
	void refusesATextCsvWhoseDeclaredLengthIsOverTheLimit() throws Exception {
		String agency = newAgency();

		HttpResponse<String> refused = send(csvRequest(HttpRequest.BodyPublishers.ofString(rowsOver2Kb(agency))));

		assertTooLarge(refused, "larger than the limit of 2048 bytes");
		assertNothingStored(agency);
	}

	@Test
	void refusesATextCsvWithoutALengthOnceReadingPassesTheLimit() throws Exception {
		String agency = newAgency();
		byte[] body = rowsOver2Kb(agency).getBytes(StandardCharsets.UTF_8);

		HttpResponse<String> refused = send(csvRequest(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));

		assertTooLarge(refused, "larger than the limit of 2048 bytes");
		assertNothingStored(agency);
	}

	@Test
	void refusesACsvOfMoreRowsThanTheLimit() throws Exception {
		String agency = newAgency();
		StringBuilder csv = new StringBuilder(HEADER);
		for (int i = 0; i < 4; i++) {
			csv.append(agency).append(",R-").append(i).append(",2564,โครงการ,100.00,DRAFT\n");
		}

		HttpResponse<String> refused = send(csvRequest(HttpRequest.BodyPublishers.ofString(csv.toString())));

		assertTooLarge(refused, "more than 3 rows");
		assertNothingStored(agency);
	}

	@Test
	void refusesAMultipartFileOverTheLimitAsAProblem() throws Exception {
		String agency = newAgency();

		HttpResponse<String> refused = send(multipart(rowsOver2Kb(agency)));

		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(413);
		assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
		assertNothingStored(agency);
	}

	@Test
	void importsAMultipartFileWithinTheLimits() throws Exception {
		String agency = newAgency();

		HttpResponse<String> imported = send(multipart(HEADER + agency + ",M-1,2564,โครงการ,100.00,DRAFT\n"));

		assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
		assertThat(json.readTree(get("/api/admin/agencies/" + agency + "/submissions").body())).hasSize(1);
	}

	private void assertTooLarge(HttpResponse<String> refused, String detail) throws Exception {
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(413);
		assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
		assertThat(json.readTree(refused.body()).get("detail").asText()).contains(detail).contains("nothing was written");
	}

	private void assertNothingStored(String agency) throws Exception {
		HttpResponse<String> listing = get("/api/admin/agencies/" + agency + "/submissions");
		assertThat(listing.statusCode()).isEqualTo(200);
		assertThat(json.readTree(listing.body())).isEmpty();
	}

	/** Valid rows, two of them, padded past 2 KB by a long title. */
	private static String rowsOver2Kb(String agency) {
		return HEADER + agency + ",B-1,2564,โครงการ,100.00,DRAFT\n" + agency + ",B-2,2564," + "ก".repeat(250) + ",100.00,DRAFT\n"
				+ "#".repeat(1500);
	}

	private HttpRequest.Builder csvRequest(HttpRequest.BodyPublisher body) {
		return HttpRequest.newBuilder(uri("/api/admin/submissions/import"))
			.header("Content-Type", "text/csv; charset=utf-8")
			.POST(body);
	}

	private HttpRequest.Builder multipart(String csv) {
		String boundary = "limits" + UUID.randomUUID().toString().replace("-", "");
		String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"requests.csv\"\r\n"
				+ "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
		return HttpRequest.newBuilder(uri("/api/admin/submissions/import"))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
	}

	private String newAgency() throws Exception {
		String code = "L" + UUID.randomUUID().toString().substring(0, 6).toUpperCase().replaceAll("[^A-Z0-9]", "X");
		HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/api/admin/agencies/" + code))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"nameTh\":\"กรมขีดจำกัด\",\"nameEn\":\"Limits agency\"}", StandardCharsets.UTF_8)));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return code;
	}

	private HttpResponse<String> get(String path) throws Exception {
		return send(HttpRequest.newBuilder(uri(path)).GET());
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return http.send(request.header("Authorization", "Bearer " + ADMIN).build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

}
