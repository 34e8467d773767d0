package th.or.dga.budgetbot.line;

import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * A stub LINE API for a Spring test's app, as a bean of the test's context with
 * {@code line.bot.api-end-point} pointing at it: started with the context and stopped when the
 * context closes, so that a context the test framework keeps for reuse never points at a stub
 * that its first test class stopped. A test imports the stub it talks to and autowires it.
 */
public final class StubLine {

	private StubLine() {
	}

	/** {@link LineMessagingStub}, with the app's {@code line.bot.channel-token}: LINE's state and scripted faults. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Messaging {

		@Bean(destroyMethod = "stop")
		LineMessagingStub lineMessagingStub(@Value("${line.bot.channel-token}") String channelToken) {
			return new LineMessagingStub(channelToken);
		}

		@Bean
		DynamicPropertyRegistrar lineMessagingStubEndPoint(LineMessagingStub line) {
			return endPoint(line::baseUrl);
		}

	}

	/** {@link LineApiStub}: WireMock answering replies, for tests that script WireMock themselves. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class WireMockReplies {

		@Bean(destroyMethod = "stop")
		LineApiStub lineApiStub() {
			return new LineApiStub();
		}

		@Bean
		DynamicPropertyRegistrar lineApiStubEndPoint(LineApiStub line) {
			return endPoint(line::baseUrl);
		}

	}

	private static DynamicPropertyRegistrar endPoint(Supplier<Object> baseUrl) {
		return registry -> registry.add("line.bot.api-end-point", baseUrl);
	}

}
