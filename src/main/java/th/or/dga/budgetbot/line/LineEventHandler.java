package th.or.dga.budgetbot.line;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.context.ApplicationEventPublisher;

import com.linecorp.bot.model.event.Event;
import com.linecorp.bot.model.event.EventMode;
import com.linecorp.bot.model.event.FollowEvent;
import com.linecorp.bot.model.event.JoinEvent;
import com.linecorp.bot.model.event.MessageEvent;
import com.linecorp.bot.model.event.PostbackEvent;
import com.linecorp.bot.model.event.ReplyEvent;
import com.linecorp.bot.model.event.UnfollowEvent;
import com.linecorp.bot.model.event.message.TextMessageContent;
import com.linecorp.bot.model.event.source.Source;
import com.linecorp.bot.model.event.source.UserSource;

import th.or.dga.budgetbot.conversation.Conversation;
import th.or.dga.budgetbot.conversation.Reply;
import th.or.dga.budgetbot.conversation.ReplyKind;
import th.or.dga.budgetbot.conversation.Speaker;
import th.or.dga.budgetbot.language.Language;
import th.or.dga.budgetbot.language.UserText;

/**
 * One webhook event to at most one answer: map the event, ask the conversation, build the
 * LINE messages. Sending is the inbox's ({@link EventAnswering}), which calls this once per
 * event: the conversation has effects. Standby-mode events (another channel is answering) get
 * no answer; events with nothing to answer, or of kinds this SDK does not know, none either.
 */
public class LineEventHandler {

	private final Conversation conversation;

	private final Followers followers;

	private final ApplicationEventPublisher events;

	private final List<PostbackAnswers> postbacks;

	/** Fact ids read from one original-text postback at most; LINE caps postback data at 300 characters anyway. */
	private static final int MAX_FACTS = 20;

	public LineEventHandler(Conversation conversation, Followers followers, ApplicationEventPublisher events,
			List<PostbackAnswers> postbacks) {
		this.conversation = conversation;
		this.followers = followers;
		this.events = events;
		this.postbacks = List.copyOf(postbacks);
	}

	/** Works out the answer to the event, with the conversation's effects; empty if it gets none. */
	Optional<PreparedAnswer> answerTo(Event event) {
		trackFollowers(event);
		if (event.getMode() == EventMode.STANDBY || !(event instanceof ReplyEvent replyEvent)
				|| replyEvent.getReplyToken() == null) {
			return Optional.empty();
		}
		return replyTo(event).map(reply -> {
			events.publishEvent(new MessageAnswered(replyEvent.getReplyToken(), reply));
			return new PreparedAnswer(reply.language(), MessageJson.of(ReplyMessages.of(reply)));
		});
	}

	private void trackFollowers(Event event) {
		String userId = event.getSource() == null ? null : event.getSource().getUserId();
		if (userId == null) {
			return;
		}
		if (event instanceof FollowEvent) {
			followers.followed(userId);
		}
		else if (event instanceof UnfollowEvent) {
			followers.unfollowed(userId);
		}
	}

	private Optional<Reply> replyTo(Event event) {
		if (event instanceof MessageEvent<?> message) {
			if (message.getMessage() instanceof TextMessageContent text) {
				// Where a user's text enters: cleaned before commands, the NLU or a stored question read it.
				return Optional.of(conversation.answer(speaker(event.getSource()), UserText.clean(text.getText())));
			}
			return Optional.of(conversation.nonText(Language.TH));
		}
		if (event instanceof FollowEvent || event instanceof JoinEvent) {
			return Optional.of(conversation.welcome(Language.TH));
		}
		if (event instanceof PostbackEvent postback && postback.getPostbackContent() != null) {
			Map<String, String> data = parse(postback.getPostbackContent().getData());
			Language language = "en".equals(data.get("lang")) ? Language.EN : Language.TH;
			String userId = event.getSource() == null ? null : event.getSource().getUserId();
			for (PostbackAnswers answers : postbacks) {
				Optional<String> text = answers.answer(userId, data);
				if (text.isPresent()) {
					return Optional.of(new Reply(ReplyKind.ANSWER, null, 0, language, text.get(), List.of()));
				}
			}
			String original = data.get(ReplyMessages.POSTBACK_ORIGINAL);
			if (original != null) {
				return Optional.of(conversation.originalText(List.of(original.split(",", MAX_FACTS + 1)), language));
			}
			String intent = data.get(ReplyMessages.POSTBACK_INTENT);
			return intent == null ? Optional.empty() : conversation.answerIntent(speaker(event.getSource()), intent, language);
		}
		return Optional.empty();
	}

	/** Who wrote, and in which chat: the group or room if any, else the one-on-one chat with the user. */
	private static Speaker speaker(Source source) {
		if (source == null) {
			return new Speaker(null, "unknown", false);
		}
		String chat = source.getSenderId() != null ? source.getSenderId() : source.getUserId();
		return new Speaker(source.getUserId(), chat == null ? "unknown" : chat, source instanceof UserSource);
	}

	private static Map<String, String> parse(String data) {
		if (data == null) {
			return Map.of();
		}
		return Stream.of(data.split("&"))
			.map(pair -> pair.split("=", 2))
			.filter(kv -> kv.length == 2)
			.collect(Collectors.toMap(kv -> kv[0].toLowerCase(Locale.ROOT), kv -> kv[1], (a, b) -> a));
	}

}
