package th.or.dga.budgetbot.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.IOException;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/** How each kind of bad request body is named, on a small controller of its own. */
class InvalidAdminRequestsTest {

	private final ObjectMapper json = new ObjectMapper();

	private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Samples())
		.setControllerAdvice(new InvalidAdminRequests(standardHandler()))
		.build();

	record Message(@NotBlank String text, Integer count, @JsonDeserialize(using = Odd.class) Integer odd) {
	}

	record Batch(@NotEmpty List<@Valid Message> messages) {
	}

	/** A deserializer of ours whose message is meant for the person who sent the value. */
	static class Odd extends JsonDeserializer<Integer> {

		@Override
		public Integer deserialize(JsonParser parser, DeserializationContext context) throws IOException {
			int value = parser.getIntValue();
			if (value % 2 == 0) {
				throw new NotOdd(value);
			}
			return value;
		}

	}

	static class NotOdd extends RuntimeException {

		NotOdd(int value) {
			super("must be odd; " + value + " is even");
		}

	}

	@RestController
	static class Samples {

		@PostMapping("/api/admin/samples")
		Batch batch(@Valid @RequestBody Batch batch) {
			return batch;
		}

		@GetMapping("/api/admin/samples")
		int limited(@RequestParam @Max(1000) int limit) {
			return limit;
		}

		@GetMapping("/api/admin/listing")
		int listing(@RequestParam(defaultValue = "100") @ListingLimit int limit) {
			return limit;
		}

		@PostMapping("/elsewhere")
		Batch elsewhere(@Valid @RequestBody Batch batch) {
			return batch;
		}

	}

	@Test
	void aBlankFieldInAListIsNamedByItsPath() throws Exception {
		JsonNode problem = problem(post("/api/admin/samples"),
				"{\"messages\":[{\"text\":\"a\"},{\"text\":\"b\"},{\"text\":\" \"}]}");

		assertThat(problem.get("errors")).extracting(JsonNode::asText).containsExactly("messages[2].text: must not be blank");
	}

	@Test
	void aValueOfTheWrongTypeInAListIsNamedByItsPath() throws Exception {
		JsonNode problem = problem(post("/api/admin/samples"), "{\"messages\":[{\"text\":\"a\"},{\"text\":\"b\",\"count\":\"many\"}]}");

		assertThat(problem.get("errors")).extracting(JsonNode::asText).containsExactly("messages[1].count: must be a number");
	}

	@Test
	void theMessageOfOurOwnDeserializerIsKept() throws Exception {
		JsonNode problem = problem(post("/api/admin/samples"), "{\"messages\":[{\"text\":\"a\",\"odd\":4}]}");

		assertThat(problem.get("errors")).extracting(JsonNode::asText).containsExactly("messages[0].odd: must be odd; 4 is even");
	}

	@Test
	void aBadRequestParameterIsNamed() throws Exception {
		MockHttpServletResponse response = mvc.perform(get("/api/admin/samples").param("limit", "5000")).andReturn().getResponse();

		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(json.readTree(response.getContentAsString()).get("errors")).extracting(JsonNode::asText)
			.containsExactly("limit: must be less than or equal to 1000");
	}

	@Test
	void aListingLimitOutOfRangeIsNamedWithTheValueGiven() throws Exception {
		for (String limit : new String[] { "0", "501" }) {
			MockHttpServletResponse response = mvc.perform(get("/api/admin/listing").param("limit", limit)).andReturn().getResponse();

			assertThat(response.getStatus()).isEqualTo(400);
			assertThat(json.readTree(response.getContentAsString()).get("errors")).extracting(JsonNode::asText)
				.containsExactly("limit: must be 1 to 500, not " + limit);
		}
		assertThat(mvc.perform(get("/api/admin/listing").param("limit", "500")).andReturn().getResponse().getContentAsString())
			.isEqualTo("500");
		assertThat(mvc.perform(get("/api/admin/listing")).andReturn().getResponse().getContentAsString()).isEqualTo("100");
	}

	@Test
	void outsideTheAdminApiSpringsStandardAnswerStays() throws Exception {
		MockHttpServletResponse response = mvc
			.perform(post("/elsewhere").contentType(MediaType.APPLICATION_JSON).content("{\"messages\":[]}"))
			.andReturn()
			.getResponse();

		assertThat(response.getStatus()).isEqualTo(400);
		JsonNode problem = json.readTree(response.getContentAsString());
		assertThat(problem.get("detail").asText()).isEqualTo("Invalid request content.");
		assertThat(problem.has("errors")).isFalse();
	}

	private JsonNode problem(MockHttpServletRequestBuilder request, String body) throws Exception {
		MockHttpServletResponse response = mvc.perform(request.contentType(MediaType.APPLICATION_JSON).content(body))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getContentType()).contains("problem+json");
		return json.readTree(response.getContentAsString());
	}

	private static org.springframework.beans.factory.ObjectProvider<ResponseEntityExceptionHandler> standardHandler() {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("standard", new ResponseEntityExceptionHandler() {
		});
		return beans.getBeanProvider(ResponseEntityExceptionHandler.class);
	}

}
