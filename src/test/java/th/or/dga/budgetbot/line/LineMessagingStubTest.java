package th.or.dga.budgetbot.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import th.or.dga.budgetbot.line.LineMessagingStub.Endpoint;
import th.or.dga.budgetbot.line.LineMessagingStub.Outcome;
import th.or.dga.budgetbot.line.LineMessagingStub.ReceivedRequest;

class LineMessagingStubTest {

	static final String TOKEN = "stub-test-channel-token";

	static final String ALICE = "U" + "a".repeat(32);

	static final String BOB = "U" + "b".repeat(32);

	static final String CAROL = "U" + "c".repeat(32);

	static final String TEXT = "[{\"type\":\"text\",\"text\":\"หน้าต่างคำขอตั้งงบประมาณเปิดแล้ว\"}]";

	private final ObjectMapper json = new ObjectMapper();

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final LineMessagingStub stub = new LineMessagingStub(TOKEN);

	@AfterEach
	void stop() {
		stub.stop();
	}

	@Test
	void answersAnAcceptedRetryKeyAgainWith409AndTheFirstRequestIdWithoutDeliveringAgain() throws Exception {
		String key = UUID.randomUUID().toString();
		HttpResponse<String> first = post("v2/bot/message/push", push(ALICE), key);
		HttpResponse<String> again = post("v2/bot/message/push", push(ALICE), key);

		assertThat(first.statusCode()).isEqualTo(200);
		JsonNode sent = json.readTree(first.body()).get("sentMessages");
		assertThat(sent).hasSize(1);
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(again.headers().firstValue("x-line-accepted-request-id")).isEqualTo(first.headers().firstValue("X-Line-Request-Id"));
		assertThat(again.headers().firstValue("X-Line-Request-Id")).isPresent().isNotEqualTo(first.headers().firstValue("X-Line-Request-Id"));
		JsonNode conflict = json.readTree(again.body());
		assertThat(conflict.get("message").asText()).isEqualTo("The retry key is already accepted");
		assertThat(conflict.get("sentMessages")).isEqualTo(sent);
		assertThat(stub.deliveries(ALICE)).isEqualTo(1);
		assertThat(stub.duplicates()).isEmpty();
	}

	@Test
	void answersARepeatedMulticastKeyWith409WithoutSentMessages() throws Exception {
		String key = UUID.randomUUID().toString();
		post("v2/bot/message/multicast", multicast(ALICE, BOB), key);
		HttpResponse<String> again = post("v2/bot/message/multicast", multicast(ALICE, BOB), key.toUpperCase());

		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(json.readTree(again.body()).has("sentMessages")).isFalse();
		assertThat(stub.deliveryCounts()).containsOnly(Map.entry(ALICE, 1), Map.entry(BOB, 1));
	}

	@Test
	void deliversOnceWhenItAcceptedButAnswered500AndTheClientRetried() throws Exception {
		stub.next(Endpoint.MULTICAST, Outcome.acceptThenServerError());
		String key = UUID.randomUUID().toString();

		HttpResponse<String> first = post("v2/bot/message/multicast", multicast(ALICE, BOB, CAROL), key);
		HttpResponse<String> retry = post("v2/bot/message/multicast", multicast(ALICE, BOB, CAROL), key);

		assertThat(first.statusCode()).isEqualTo(500);
		assertThat(retry.statusCode()).isEqualTo(409);
		assertThat(retry.headers().firstValue("x-line-accepted-request-id")).isEqualTo(first.headers().firstValue("X-Line-Request-Id"));
		assertThat(stub.totalDelivered()).isEqualTo(3);
		assertThat(stub.duplicates()).isEmpty();
	}

	@Test
	void deliversOnceWhenA500IsRetried() throws Exception {
		stub.next(Endpoint.MULTICAST, Outcome.serverError(), Outcome.serverError(), Outcome.ok());
		String key = UUID.randomUUID().toString();

		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			statuses.add(post("v2/bot/message/multicast", multicast(ALICE, BOB), key).statusCode());
		}

		assertThat(statuses).containsExactly(500, 500, 200, 409);
		assertThat(stub.deliveries(ALICE)).isEqualTo(1);
		assertThat(stub.deliveries(BOB)).isEqualTo(1);
		assertThat(stub.scripted(Endpoint.MULTICAST)).isZero();
	}

	@Test
	void tellsTheRateLimitFromTheMonthlyLimitOnlyByTheMessage() throws Exception {
		stub.next(Endpoint.PUSH, Outcome.rateLimited(), Outcome.monthlyLimit());

		HttpResponse<String> rate = post("v2/bot/message/push", push(ALICE), UUID.randomUUID().toString());
		HttpResponse<String> monthly = post("v2/bot/message/push", push(ALICE), UUID.randomUUID().toString());

		assertThat(rate.statusCode()).isEqualTo(429);
		assertThat(message(rate)).isEqualTo("The API rate limit has been exceeded. Try again later.");
		assertThat(monthly.statusCode()).isEqualTo(429);
		assertThat(message(monthly)).isEqualTo("You have reached your monthly limit.");
		assertThat(stub.totalDelivered()).isZero();
	}

	@Test
	void refusesASendOverTheMonthlyQuotaAndReportsTheConsumption() throws Exception {
		stub.quota(3).followers(2);

		assertThat(post("v2/bot/message/broadcast", "{\"messages\":" + TEXT + "}", UUID.randomUUID().toString()).statusCode())
			.isEqualTo(200);
		HttpResponse<String> over = post("v2/bot/message/multicast", multicast(ALICE, BOB), UUID.randomUUID().toString());

		assertThat(over.statusCode()).isEqualTo(429);
		assertThat(message(over)).isEqualTo("You have reached your monthly limit.");
		assertThat(json.readTree(get("v2/bot/message/quota").body())).isEqualTo(json.readTree("{\"type\":\"limited\",\"value\":3}"));
		assertThat(json.readTree(get("v2/bot/message/quota/consumption").body()).get("totalUsage").asLong()).isEqualTo(2);
		assertThat(stub.broadcasts()).isEqualTo(1);
		assertThat(stub.totalDelivered()).isZero();
	}

	@Test
	void acceptsAReplyTokenOnce() throws Exception {
		String reply = "{\"replyToken\":\"nHuyWiB7yP5Zw52FIkcQobQuGDXCTA\",\"messages\":" + TEXT + "}";

		HttpResponse<String> first = post("v2/bot/message/reply", reply, null);
		HttpResponse<String> second = post("v2/bot/message/reply", reply, null);

		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(json.readTree(first.body()).get("sentMessages")).hasSize(1);
		assertThat(second.statusCode()).isEqualTo(400);
		assertThat(message(second)).isEqualTo("Invalid reply token");
		assertThat(stub.replies()).isEqualTo(1);
	}

	@Test
	void holdsRepliesUntilReleasedAndAcceptsNoneMeanwhile() throws Exception {
		stub.hold(Endpoint.REPLY);
		var first = http.sendAsync(request("v2/bot/message/reply", "{\"replyToken\":\"held-1\",\"messages\":" + TEXT + "}", null)
			.build(), HttpResponse.BodyHandlers.ofString());
		var second = http.sendAsync(request("v2/bot/message/reply", "{\"replyToken\":\"held-2\",\"messages\":" + TEXT + "}", null)
			.build(), HttpResponse.BodyHandlers.ofString());

		await().atMost(Duration.ofSeconds(5)).until(() -> stub.held(Endpoint.REPLY) == 2);
		assertThat(stub.replies()).isZero();
		assertThat(first).isNotDone();
		assertThat(post("v2/bot/message/push", push(ALICE), UUID.randomUUID().toString()).statusCode())
			.as("other endpoints are not held").isEqualTo(200);

		stub.release(Endpoint.REPLY);

		assertThat(first.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
		assertThat(second.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
		assertThat(stub.replies()).isEqualTo(2);
		assertThat(stub.held(Endpoint.REPLY)).isZero();
	}

	@Test
	void holdsEveryRequestAsItArrivesBeforeAnyCheckAndKeepsNoThreadForIt() throws Exception {
		LineMessagingStub.Hold replies = stub.hold(Endpoint.REPLY);
		int requests = 40; // more than the stub's 32 threads
		List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
		for (int i = 0; i < requests - 1; i++) {
			held.add(http.sendAsync(request("v2/bot/message/reply", "{\"replyToken\":\"held-" + i + "\",\"messages\":" + TEXT + "}", null)
				.build(), HttpResponse.BodyHandlers.ofString()));
		}
		held.add(http.sendAsync(request("v2/bot/message/reply", "{\"replyToken\":\"unsigned\",\"messages\":" + TEXT + "}", null)
			.setHeader("Authorization", "Bearer someone-else")
			.build(), HttpResponse.BodyHandlers.ofString()));

		await().atMost(Duration.ofSeconds(5)).until(() -> replies.waiting() == requests);
		assertThat(stub.held(Endpoint.REPLY)).isEqualTo(requests);
		assertThat(get("v2/bot/message/quota").statusCode()).as("answered while the replies are held").isEqualTo(200);
		assertThat(held).as("held before the token was checked, too").noneMatch(CompletableFuture::isDone);

		replies.release();

		await().atMost(Duration.ofSeconds(10)).until(() -> held.stream().allMatch(CompletableFuture::isDone));
		assertThat(held).extracting(response -> response.join().statusCode())
			.containsOnly(200, 401)
			.containsOnlyOnce(401);
		assertThat(stub.replies()).isEqualTo(requests - 1);
		assertThat(stub.held(Endpoint.REPLY)).isZero();
	}

	@Test
	void holdsOnlyTheRequestsWhoseBodyMatchesOnceTheyPassLinesChecks() throws Exception {
		LineMessagingStub.Hold slow = stub.hold(Endpoint.REPLY, body -> "slow".equals(body.path("replyToken").asText()));
		String reply = "{\"replyToken\":\"slow\",\"messages\":" + TEXT + "}";
		var held = http.sendAsync(request("v2/bot/message/reply", reply, null).build(), HttpResponse.BodyHandlers.ofString());
		await().atMost(Duration.ofSeconds(5)).until(() -> slow.waiting() == 1);

		HttpResponse<String> other = post("v2/bot/message/reply", "{\"replyToken\":\"quick\",\"messages\":" + TEXT + "}", null);
		HttpResponse<String> refused = http.send(request("v2/bot/message/reply", reply, null).setHeader("Authorization", "Bearer someone-else")
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(other.statusCode()).isEqualTo(200);
		assertThat(refused.statusCode()).as("refused by a check before the hold").isEqualTo(401);
		assertThat(held).isNotDone();
		assertThat(stub.held(Endpoint.REPLY)).isEqualTo(1);

		slow.release();

		assertThat(held.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
		assertThat(stub.replies()).isEqualTo(2);
		assertThat(slow.waiting()).isZero();
	}

	@Test
	void countsARepliesWithAnIssuedTokenAsADeliveryToItsUserInOrderWithPushes() throws Exception {
		String token = stub.issueReplyToken(ALICE);
		String key = UUID.randomUUID().toString();

		post("v2/bot/message/reply", "{\"replyToken\":\"" + token + "\",\"messages\":" + TEXT + "}", null);
		post("v2/bot/message/push", push(ALICE), key);
		post("v2/bot/message/reply", "{\"replyToken\":\"not-issued\",\"messages\":" + TEXT + "}", null);

		assertThat(stub.deliveries(ALICE)).isEqualTo(2);
		assertThat(stub.deliveriesTo(ALICE)).extracting(LineMessagingStub.Delivery::endpoint)
			.containsExactly(Endpoint.REPLY, Endpoint.PUSH);
		assertThat(stub.deliveriesTo(ALICE).get(0).replyToken()).isEqualTo(token);
		assertThat(stub.deliveriesTo(ALICE).get(1).retryKey()).isEqualTo(key);
		assertThat(stub.deliveriesTo(ALICE).get(0).text()).isEqualTo("หน้าต่างคำขอตั้งงบประมาณเปิดแล้ว");
		assertThat(stub.replies()).isEqualTo(2);
		assertThat(stub.deliveryCounts()).containsOnlyKeys(ALICE);
	}

	@Test
	void deliversNothingForARequestThatHangsAndThenFails() throws Exception {
		String token = stub.issueReplyToken(BOB);
		stub.next(Endpoint.REPLY, Outcome.hangThenServerError(Duration.ofMillis(300)));
		String reply = "{\"replyToken\":\"" + token + "\",\"messages\":" + TEXT + "}";

		HttpResponse<String> hung = post("v2/bot/message/reply", reply, null);
		HttpResponse<String> again = post("v2/bot/message/reply", reply, null);

		assertThat(hung.statusCode()).isEqualTo(500);
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(stub.deliveries(BOB)).isEqualTo(1);
	}

	@Test
	void failsEveryRequestAfterTheScriptUntilRecovered() throws Exception {
		stub.next(Endpoint.PUSH, Outcome.serverError()).failing(Endpoint.PUSH, Outcome.rateLimited());
		String key = UUID.randomUUID().toString();

		List<Integer> failing = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			failing.add(post("v2/bot/message/push", push(ALICE), key).statusCode());
		}
		stub.recovered(Endpoint.PUSH);

		assertThat(failing).containsExactly(500, 429, 429);
		assertThat(post("v2/bot/message/push", push(ALICE), key).statusCode()).isEqualTo(200);
		assertThat(stub.deliveries(ALICE)).isEqualTo(1);
	}

	@Test
	void refusesConnectionsWhileUnreachableAndKeepsWhatItHadWhenReachableAgain() throws Exception {
		String key = UUID.randomUUID().toString();
		post("v2/bot/message/push", push(CAROL), key);

		stub.unreachable();
		assertThatThrownBy(() -> post("v2/bot/message/push", push(CAROL), key)).isInstanceOf(java.net.ConnectException.class);
		stub.reachable();

		assertThat(post("v2/bot/message/push", push(CAROL), key).statusCode()).isEqualTo(409);
		assertThat(stub.deliveries(CAROL)).isEqualTo(1);
	}

	@Test
	void refusesARetryKeyOnAReplyAndAKeyThatIsNotAUuid() throws Exception {
		HttpResponse<String> onReply = post("v2/bot/message/reply", "{\"replyToken\":\"t\",\"messages\":" + TEXT + "}",
				UUID.randomUUID().toString());
		HttpResponse<String> notUuid = post("v2/bot/message/push", push(ALICE), "batch-1");

		assertThat(onReply.statusCode()).isEqualTo(400);
		assertThat(notUuid.statusCode()).isEqualTo(400);
		assertThat(stub.replies()).isZero();
		assertThat(stub.totalDelivered()).isZero();
	}

	@Test
	void refusesAWrongChannelToken() throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stub.baseUrl() + "v2/bot/message/push"))
			.header("Authorization", "Bearer someone-else")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(push(ALICE)))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("X-Line-Request-Id")).isPresent();
		assertThat(json.readTree(response.body()).has("message")).isTrue();
		assertThat(stub.totalDelivered()).isZero();
	}

	@Test
	void refusesWhatLineRefusesBeforeAcceptingAnything() throws Exception {
		String[] tooMany = IntStream.range(0, 501).mapToObj(i -> String.format("U%032x", i)).toArray(String[]::new);

		HttpResponse<String> overFiveHundred = post("v2/bot/message/multicast", multicast(tooMany), UUID.randomUUID().toString());
		HttpResponse<String> groupInMulticast = post("v2/bot/message/multicast", multicast(ALICE, "C" + "d".repeat(32)),
				UUID.randomUUID().toString());
		HttpResponse<String> sixMessages = post("v2/bot/message/push",
				"{\"to\":\"" + ALICE + "\",\"messages\":[" + String.join(",", Collections.nCopies(6, "{\"type\":\"text\",\"text\":\"x\"}")) + "]}",
				UUID.randomUUID().toString());
		HttpResponse<String> notJson = post("v2/bot/message/push", "{\"to\":", UUID.randomUUID().toString());

		assertThat(List.of(overFiveHundred, groupInMulticast, sixMessages, notJson)).allSatisfy(response -> {
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(message(response)).isEqualTo("The request body has 1 error(s)");
		});
		assertThat(json.readTree(groupInMulticast.body()).at("/details/0/property").asText()).isEqualTo("to[1]");
		assertThat(stub.totalDelivered()).isZero();
	}

	@Test
	void answersAnUnknownPathWith404InLinesForm() throws Exception {
		HttpResponse<String> response = get("v2/bot/profile/" + ALICE);

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(message(response)).isEqualTo("Not found");
		assertThat(response.headers().firstValue("X-Line-Request-Id")).isPresent();
	}

	@Test
	void recordsSendsWithoutARetryKey() throws Exception {
		post("v2/bot/message/push", push(ALICE), null);
		post("v2/bot/message/push", push(BOB), UUID.randomUUID().toString());
		post("v2/bot/message/reply", "{\"replyToken\":\"t\",\"messages\":" + TEXT + "}", null);

		assertThat(stub.requestsWithoutRetryKey()).extracting(r -> r.json().get("to").asText()).containsExactly(ALICE);
		assertThat(stub.withoutRetryKeyCount()).isEqualTo(1);
		assertThat(stub.deliveries(ALICE)).isEqualTo(1);
	}

	@Test
	void listsTheRepliesWithATokenAndTheMessagesAcceptedForARecipient() throws Exception {
		String reply = "{\"replyToken\":\"first\",\"messages\":" + TEXT + "}";
		post("v2/bot/message/reply", reply, null);
		post("v2/bot/message/reply", reply, null);
		post("v2/bot/message/reply", "{\"replyToken\":\"other\",\"messages\":" + TEXT + "}", null);
		stub.next(Endpoint.MULTICAST, Outcome.serverError());
		post("v2/bot/message/multicast", multicast(ALICE, BOB), UUID.randomUUID().toString());
		post("v2/bot/message/multicast", multicast(ALICE, BOB), UUID.randomUUID().toString());
		post("v2/bot/message/push", push(ALICE), UUID.randomUUID().toString());

		assertThat(stub.repliesTo("first")).as("the second was refused, and is listed too").hasSize(2)
			.allSatisfy(body -> assertThat(body.get("replyToken").asText()).isEqualTo("first"));
		assertThat(stub.messagesTo(ALICE)).as("the multicast answered 500 is not among them").hasSize(2)
			.allSatisfy(messages -> assertThat(messages).isEqualTo(json.readTree(TEXT)));
		assertThat(stub.messagesTo(BOB)).hasSize(1);
		assertThat(stub.messagesTo(CAROL)).isEmpty();
	}

	@Test
	void stillDeliversASlowSendTheClientGaveUpOn() throws Exception {
		stub.next(Endpoint.PUSH, Outcome.slow(Duration.ofMillis(600)));
		String key = UUID.randomUUID().toString();

		assertThatThrownBy(() -> http.send(request("v2/bot/message/push", push(ALICE), key).timeout(Duration.ofMillis(100)).build(),
				HttpResponse.BodyHandlers.ofString()))
			.isInstanceOf(HttpTimeoutException.class);

		await().atMost(Duration.ofSeconds(5)).until(() -> stub.deliveries(ALICE) == 1);
		assertThat(post("v2/bot/message/push", push(ALICE), key).statusCode()).isEqualTo(409);
		assertThat(stub.deliveries(ALICE)).isEqualTo(1);
	}

	@Test
	void keepsNoThreadForARequestWaitingOutItsLatency() throws Exception {
		stub.setLatency(Endpoint.PUSH, Duration.ofSeconds(2));
		int requests = 64; // twice the stub's 32 threads
		List<CompletableFuture<HttpResponse<String>>> slow = IntStream.range(0, requests)
			.mapToObj(i -> http.sendAsync(request("v2/bot/message/push", push(ALICE), UUID.randomUUID().toString()).build(),
					HttpResponse.BodyHandlers.ofString()))
			.toList();

		// Each request is counted on a stub thread: 64 taken and none answered means they are not holding one each.
		await().atMost(Duration.ofSeconds(5)).until(() -> stub.requestCount(Endpoint.PUSH) == requests);
		assertThat(stub.inFlight()).isEqualTo(requests);
		HttpResponse<String> quota = get("v2/bot/message/quota");
		assertThat(quota.statusCode()).isEqualTo(200);
		assertThat(slow).as("the quota was answered while every slow push still waited").noneMatch(CompletableFuture::isDone);

		await().atMost(Duration.ofSeconds(15)).until(() -> slow.stream().allMatch(CompletableFuture::isDone));
		assertThat(slow).allSatisfy(response -> assertThat(response.join().statusCode()).isEqualTo(200));
		assertThat(stub.deliveries(ALICE)).isEqualTo(requests);
		await().atMost(Duration.ofSeconds(5)).until(() -> stub.inFlight() == 0);
	}

	@Test
	void countsTheBusiestSecondOfGivenArrivalTimes() {
		long ms = TimeUnit.MILLISECONDS.toNanos(1);

		assertThat(LineMessagingStub.maxPerSecondOf()).isZero();
		assertThat(LineMessagingStub.maxPerSecondOf(0, 500 * ms, 999 * ms, 1000 * ms, 1500 * ms, 2600 * ms)).isEqualTo(3);
		assertThat(LineMessagingStub.maxPerSecondOf(2600 * ms, 0, 1000 * ms)).as("a second later is the next window").isEqualTo(1);
		assertThat(LineMessagingStub.maxPerSecondOf(IntStream.range(0, 10).mapToLong(i -> i * ms).toArray())).isEqualTo(10);
	}

	@Test
	void measuresTheBusiestSecondOfRequestsSentBackToBack() throws Exception {
		for (int i = 0; i < 20; i++) {
			post("v2/bot/message/push", push(ALICE), UUID.randomUUID().toString());
		}

		long[] arrivals = stub.requests(Endpoint.PUSH).stream().mapToLong(ReceivedRequest::arrivalNanos).toArray();
		assertThat(arrivals).hasSize(20);
		assertThat(stub.maxPerSecond(Endpoint.PUSH)).isEqualTo(LineMessagingStub.maxPerSecondOf(arrivals)).isBetween(1, 20);
		assertThat(stub.requestCount(Endpoint.PUSH)).isEqualTo(20);
		assertThat(stub.maxPerSecond(Endpoint.MULTICAST)).isZero();
	}

	@Test
	void enforcesAConfiguredRateLimit() throws Exception {
		stub.limit(Endpoint.PUSH, 5);

		for (int i = 0; i < 20; i++) {
			post("v2/bot/message/push", push(ALICE), UUID.randomUUID().toString());
		}

		List<ReceivedRequest> requests = stub.requests(Endpoint.PUSH);
		long[] accepted = requests.stream().filter(r -> r.status() == 200).mapToLong(ReceivedRequest::arrivalNanos).toArray();
		assertThat(accepted.length).isGreaterThanOrEqualTo(5);
		assertThat(LineMessagingStub.maxPerSecondOf(accepted)).isLessThanOrEqualTo(5);
		assertThat(requests).filteredOn(r -> r.status() != 200)
			.allSatisfy(r -> assertThat(r.status()).isEqualTo(429))
			.hasSize(20 - accepted.length);
		assertThat(stub.responses(Endpoint.PUSH).values().stream().mapToLong(Long::longValue).sum()).isEqualTo(20);
	}

	@Test
	void passesAValidMulticastAgainstLinesDescription() throws Exception {
		post("v2/bot/message/multicast", multicast(ALICE, BOB), UUID.randomUUID().toString());
		get("v2/bot/message/quota/consumption");

		stub.assertEveryRequestValid();
	}

	@Test
	void failsARequestLinesDescriptionRejects() throws Exception {
		post("v2/bot/message/multicast", multicast(ALICE, BOB), UUID.randomUUID().toString());
		// The stub itself only checks that a message has a type, as LINE does before its own validation.
		post("v2/bot/message/multicast", "{\"to\":[\"" + ALICE + "\"],\"messages\":[{\"type\":\"text\"}]}",
				UUID.randomUUID().toString());

		assertThatThrownBy(stub::assertEveryRequestValid).isInstanceOf(AssertionError.class)
			.hasMessageContaining("1 of 2 requests")
			.hasMessageContaining("/v2/bot/message/multicast");
	}

	@Test
	void reportsStatisticsAndResetsOverHttp() throws Exception {
		stub.followers(40);
		post("v2/bot/message/multicast", multicast(ALICE, BOB), UUID.randomUUID().toString());
		String key = UUID.randomUUID().toString();
		stub.next(Endpoint.PUSH, Outcome.acceptThenServerError());
		post("v2/bot/message/push", push(ALICE), key);
		post("v2/bot/message/push", push(ALICE), key);
		post("v2/bot/message/push", push(CAROL), null);

		JsonNode stats = json.readTree(http.send(HttpRequest.newBuilder(URI.create(stub.baseUrl() + "stub/stats")).build(),
				HttpResponse.BodyHandlers.ofString()).body());

		assertThat(stats.get("delivered").asLong()).isEqualTo(4);
		assertThat(stats.get("distinct").asLong()).isEqualTo(3);
		assertThat(stats.get("duplicates").asLong()).isEqualTo(1);
		assertThat(stats.at("/requests/multicast").asLong()).isEqualTo(1);
		assertThat(stats.at("/requests/push").asLong()).isEqualTo(3);
		assertThat(stats.at("/maxPerSecond/push").asInt()).isBetween(1, 3);
		assertThat(stats.at("/responses/push/409").asLong()).isEqualTo(1);
		assertThat(stats.get("withoutRetryKey").asLong()).isEqualTo(1);

		HttpResponse<String> reset = http.send(HttpRequest.newBuilder(URI.create(stub.baseUrl() + "stub/reset"))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(reset.statusCode()).isEqualTo(200);
		assertThat(stub.stats().get("delivered").asLong()).isZero();
		assertThat(stub.stats().at("/requests/push").asLong()).isZero();
		assertThat(stub.requests()).isEmpty();
		assertThat(post("v2/bot/message/push", push(ALICE), key).statusCode()).as("accepted keys are forgotten").isEqualTo(200);
	}

	@Test
	void keepsItsCommandLineSettingsThroughAReset() throws Exception {
		LineMessagingStub configured = LineMessagingStub
			.fromArguments(new String[] { "--port", "0", "--token", TOKEN, "--followers", "7", "--limit", "multicast=200",
					"--latency", "push=PT0S" });
		try {
			String broadcast = "{\"messages\":" + TEXT + "}";
			send(configured, "v2/bot/message/broadcast", broadcast);
			configured.reset();
			send(configured, "v2/bot/message/broadcast", broadcast);

			assertThat(configured.totalUsage()).isEqualTo(7);
			assertThat(configured.requests()).as("not recorded unless --record-requests").isEmpty();
			assertThat(configured.requestCount(Endpoint.BROADCAST)).isEqualTo(1);
		}
		finally {
			configured.stop();
		}
	}

	@Test
	void runsAsAProcess() throws Exception {
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), LineMessagingStub.class.getName(), "--port", "0", "--token", TOKEN)
			.redirectErrorStream(true)
			.start();
		try {
			BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
			String line = out.readLine();
			assertThat(line).matches("LINE stub listening on http://127\\.0\\.0\\.1:\\d+/");
			String baseUrl = line.substring(line.indexOf("http"));

			HttpResponse<String> sent = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "v2/bot/message/multicast"))
				.header("Authorization", "Bearer " + TOKEN)
				.header("Content-Type", "application/json")
				.header("X-Line-Retry-Key", UUID.randomUUID().toString())
				.POST(HttpRequest.BodyPublishers.ofString(multicast(ALICE, BOB)))
				.build(), HttpResponse.BodyHandlers.ofString());
			JsonNode stats = json.readTree(
					http.send(HttpRequest.newBuilder(URI.create(baseUrl + "stub/stats")).build(), HttpResponse.BodyHandlers.ofString()).body());

			assertThat(sent.statusCode()).isEqualTo(200);
			assertThat(stats.get("delivered").asLong()).isEqualTo(2);
		}
		finally {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

	// --- helpers ---

	private void send(LineMessagingStub target, String path, String body) throws IOException, InterruptedException {
		http.send(HttpRequest.newBuilder(URI.create(target.baseUrl() + path))
			.header("Authorization", "Bearer " + TOKEN)
			.header("Content-Type", "application/json")
			.header("X-Line-Retry-Key", UUID.randomUUID().toString())
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String body, String retryKey) throws IOException, InterruptedException {
		return http.send(request(path, body, retryKey).build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String path, String body, String retryKey) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stub.baseUrl() + path))
			.header("Authorization", "Bearer " + TOKEN)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (retryKey != null) {
			request.header("X-Line-Retry-Key", retryKey);
		}
		return request;
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create(stub.baseUrl() + path)).header("Authorization", "Bearer " + TOKEN).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private String message(HttpResponse<String> response) {
		try {
			return json.readTree(response.body()).path("message").asText();
		}
		catch (IOException e) {
			throw new AssertionError(response.body(), e);
		}
	}

	static String push(String to) {
		return "{\"to\":\"" + to + "\",\"messages\":" + TEXT + "}";
	}

	static String multicast(String... to) {
		return "{\"to\":[" + Arrays.stream(to).map(id -> "\"" + id + "\"").collect(Collectors.joining(",")) + "],\"messages\":"
				+ TEXT + "}";
	}

}
