package th.or.dga.budgetbot.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import th.or.dga.budgetbot.notice.Notices.Batch;
import th.or.dga.budgetbot.notice.Notices.LineEndpoint;

class NoticeDispatchTest {

	private static Audiences.Resolved resolved(int n) {
		List<String> users = IntStream.range(0, n).mapToObj(i -> "U%032x".formatted(i)).toList();
		return new Audiences.Resolved(users, Map.of(), 0, 0, n);
	}

	@Test
	void cutsRecipientsIntoMulticastsOfAtMost500EachWithItsOwnRetryKey() {
		List<Batch> batches = NoticeDispatch.batches(AudienceType.AGENCIES, resolved(1_200));
		assertThat(batches).extracting(Batch::count).containsExactly(500L, 500L, 200L);
		assertThat(batches).allMatch(b -> b.endpoint() == LineEndpoint.MULTICAST);
		assertThat(batches.stream().map(Batch::retryKey).distinct()).hasSize(3);
		assertThat(batches.stream().flatMap(b -> b.recipients().stream()).distinct()).hasSize(1_200);
	}

	@Test
	void oneRecipientIsAPushAndAllIsOneBroadcast() {
		assertThat(NoticeDispatch.batches(AudienceType.USERS, resolved(1))).singleElement()
			.extracting(Batch::endpoint)
			.isEqualTo(LineEndpoint.PUSH);
		assertThat(NoticeDispatch.batches(AudienceType.ALL, new Audiences.Resolved(List.of(), Map.of(), 0, 0, 42)))
			.singleElement()
			.satisfies(b -> {
				assertThat(b.endpoint()).isEqualTo(LineEndpoint.BROADCAST);
				assertThat(b.count()).isEqualTo(42);
			});
	}

}
