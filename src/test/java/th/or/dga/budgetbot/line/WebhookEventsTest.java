package th.or.dga.budgetbot.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The door: what a signed body must be to be queued, and what the inbox keeps of each event. */
class WebhookEventsTest {

	@Test
	void readsEachEventWithItsChatTimestampAndKey() {
		ObjectNode user = Webhooks.text("t1", "สวัสดี");
		ObjectNode group = Webhooks.text("t2", "hello");
		((ObjectNode) group.get("source")).put("type", "group").put("groupId", "Cgroup");

		List<InboxEvent> events = WebhookEvents.read(bytes(Webhooks.body(user, group)), 100);

		assertThat(events).hasSize(2);
		assertThat(events.get(0).key()).isEqualTo(user.get("webhookEventId").asText());
		assertThat(events.get(0).chat()).isEqualTo(user.at("/source/userId").asText());
		assertThat(events.get(0).timestamp()).isEqualTo(user.get("timestamp").asLong());
		assertThat(events.get(0).type()).isEqualTo("message");
		assertThat(events.get(1).chat()).as("a group's events are the group's chat").isEqualTo("Cgroup");
	}

	@Test
	void anEventWithoutIdOrSourceIsKeyedByItsContentAndIsItsOwnChat() {
		String body = "{\"events\":[{\"type\":\"greatNewFeature\",\"timestamp\":1462629479859,\"mode\":\"active\"}]}";

		InboxEvent event = WebhookEvents.read(bytes(body), 100).get(0);

		assertThat(event.key()).startsWith("sha256:");
		assertThat(event.chat()).isEqualTo("event:" + event.key());
		assertThat(event.type()).isEqualTo("other");
	}

	@Test
	void refusesWhatIsNotALineWebhookNamingWhatIsWrong() {
		String event = Webhooks.text("t", "x").toString();
		assertRefused("{\"events\":[" + event + "]} trailing", "not one JSON object");
		assertRefused("{\"events\":[],\"events\":[" + event + "]}", "Duplicate field 'events'");
		assertRefused("[" + event + "]", "not a JSON object");
		assertRefused("{\"destination\":\"U1\"}", "events: must be an array");
		assertRefused("{\"events\":[" + event + ", 42]}", "events[1]: must be an object");
		assertRefused("{\"events\":[{\"type\":\"message\",\"timestamp\":\"yesterday\"}]}", "events[0]: not a LINE event");
		assertRefused("{\"events\":[" + "{\"type\":\"follow\"},".repeat(100) + "{\"type\":\"follow\"}]}", "at most 100");
		assertRefused("{\"events\":[{\"type\":\"message\",\"message\":{\"type\":\"text\",\"text\":\"a\",\"text\":\"b\"}}]}",
				"Duplicate field 'text'");
	}

	@Test
	void takesAHundredEvents() {
		String body = "{\"events\":[" + "{\"type\":\"follow\",\"timestamp\":1},".repeat(99) + "{\"type\":\"follow\"}]}";

		assertThat(WebhookEvents.read(bytes(body), 100)).hasSize(100);
	}

	private static void assertRefused(String body, String detail) {
		assertThatThrownBy(() -> WebhookEvents.read(bytes(body), 100)).isInstanceOf(InvalidWebhook.class)
			.hasMessageContaining(detail);
	}

	private static byte[] bytes(String body) {
		return body.getBytes(StandardCharsets.UTF_8);
	}

}
