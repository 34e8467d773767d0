package th.or.dga.budgetbot.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import th.or.dga.budgetbot.line.LineMessaging.Endpoint;
import th.or.dga.budgetbot.line.LineMessaging.Outcome;
import th.or.dga.budgetbot.line.LineMessaging.Result;

/** Every LINE call told apart the one way, replies as well as pushes, against the stub over HTTP. */
class LineMessagingTest {

	private static final LineMessagingStub LINE = new LineMessagingStub("messaging-test-token");

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final LineMessaging messaging = new LineMessaging(() -> URI.create(LINE.baseUrl()), "messaging-test-token",
			Duration.ofSeconds(4), new ObjectMapper(), LineMessaging.Throttle.NONE, meters);

	@AfterAll
	static void stop() {
		LINE.stop();
	}

	@BeforeEach
	void reset() {
		LINE.reset();
	}

	@Test
	void aReplyIsAcceptedOnceAndItsTokenIsThenInvalid() throws Exception {
		byte[] reply = reply("token-" + UUID.randomUUID());

		Outcome first = messaging.send(Endpoint.REPLY, null, reply);
		Outcome second = messaging.send(Endpoint.REPLY, null, reply, 2);

		assertThat(first.result()).isEqualTo(Result.ACCEPTED);
		assertThat(first.requestId()).isNotBlank();
		assertThat(second.result()).isEqualTo(Result.INVALID_REPLY_TOKEN);
		assertThat(second.status()).isEqualTo(400);
		assertThat(LINE.requests(LineMessagingStub.Endpoint.REPLY)).allSatisfy(r -> assertThat(r.retryKey()).isNull());
		assertThat(meters.counter("bot.line.calls", "endpoint", "reply", "status", "200").count()).isEqualTo(1);
		assertThat(meters.counter("bot.line.calls", "endpoint", "reply", "status", "400").count()).isEqualTo(1);
		assertThat(meters.counter("bot.line.retries", "endpoint", "reply").count()).isEqualTo(1);
	}

	@Test
	void aReplyRefusedForItsBodyIsRefusedNotAnInvalidToken() throws Exception {
		Outcome outcome = messaging.send(Endpoint.REPLY, null, "{\"replyToken\":\"t\",\"messages\":[]}".getBytes(StandardCharsets.UTF_8));

		assertThat(outcome.result()).isEqualTo(Result.REFUSED);
		assertThat(outcome.message()).contains("Size must be between 1 and 5");
	}

	@Test
	void serverErrorsRateLimitsAndTimeOutsOfRepliesAreToldApart() throws Exception {
		LINE.next(LineMessagingStub.Endpoint.REPLY, LineMessagingStub.Outcome.serverError(),
				LineMessagingStub.Outcome.rateLimited(), LineMessagingStub.Outcome.slow(Duration.ofSeconds(5)));

		Outcome failed = messaging.send(Endpoint.REPLY, null, reply("a"));
		assertThat(failed.result()).as(failed.toString()).isEqualTo(Result.SERVER_ERROR);
		assertThat(messaging.send(Endpoint.REPLY, null, reply("b")).result()).isEqualTo(Result.RATE_LIMITED);
		Outcome slow = messaging.send(Endpoint.REPLY, null, reply("c"));
		assertThat(slow.result()).isEqualTo(Result.NO_ANSWER);
		assertThat(slow.status()).isZero();
		assertThat(meters.counter("bot.line.calls", "endpoint", "reply", "status", "none").count()).isEqualTo(1);
		assertThat(Result.SERVER_ERROR.worthRetrying() && Result.RATE_LIMITED.worthRetrying() && Result.NO_ANSWER.worthRetrying())
			.isTrue();
		assertThat(Result.INVALID_REPLY_TOKEN.worthRetrying()).isFalse();
	}

	@Test
	void aRequestThatFoundNoConnectionWasNotSentAndItsOutcomeIsKnown() throws Exception {
		LINE.unreachable();
		Outcome refused;
		try {
			refused = messaging.send(Endpoint.REPLY, null, reply("unreachable"));
		}
		finally {
			LINE.reachable();
		}

		assertThat(refused.result()).as(refused.toString()).isEqualTo(Result.NOT_SENT);
		assertThat(refused.result().worthRetrying()).isTrue();
		assertThat(refused.result().outcomeUnknown()).as("nothing left, so nothing can have been delivered").isFalse();
		assertThat(Result.SERVER_ERROR.outcomeUnknown() && Result.NO_ANSWER.outcomeUnknown()).isTrue();
		assertThat(LINE.replies()).isZero();
	}

	@Test
	void aPushRepeatedUnderItsRetryKeyIsAlreadyAccepted() throws Exception {
		UUID key = UUID.randomUUID();
		String user = "U" + UUID.randomUUID().toString().replace("-", "");
		byte[] push = ("{\"to\":\"" + user + "\",\"messages\":[{\"type\":\"text\",\"text\":\"x\"}]}").getBytes(StandardCharsets.UTF_8);
		LINE.next(LineMessagingStub.Endpoint.PUSH, LineMessagingStub.Outcome.acceptThenServerError());

		assertThat(messaging.send(Endpoint.PUSH, key, push).result()).isEqualTo(Result.SERVER_ERROR);
		Outcome again = messaging.send(Endpoint.PUSH, key, push, 2);

		assertThat(again.result()).isEqualTo(Result.ALREADY_ACCEPTED);
		assertThat(LINE.deliveries(user)).isEqualTo(1);
		assertThat(LINE.requests(LineMessagingStub.Endpoint.PUSH)).allSatisfy(r -> assertThat(r.retryKey()).isEqualTo(key.toString()));
		assertThat(meters.counter("bot.line.calls", "endpoint", "push", "status", "409").count()).isEqualTo(1);
		assertThat(meters.counter("bot.line.retries", "endpoint", "push").count()).isEqualTo(1);
	}

	@Test
	void aReplyNeverCarriesARetryKeyAndAPushAlwaysDoes() {
		assertThatThrownBy(() -> messaging.send(Endpoint.REPLY, UUID.randomUUID(), reply("x")))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> messaging.send(Endpoint.PUSH, null, reply("x"))).isInstanceOf(IllegalArgumentException.class);
		assertThat(LINE.requests()).isEmpty();
	}

	private static byte[] reply(String token) {
		return ("{\"replyToken\":\"" + token + "\",\"messages\":[{\"type\":\"text\",\"text\":\"x\"}]}").getBytes(StandardCharsets.UTF_8);
	}

}
