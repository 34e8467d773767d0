package th.or.dga.budgetbot.conversation;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;

import th.or.dga.budgetbot.agency.Agency;
import th.or.dga.budgetbot.agency.AgencyMentions;
import th.or.dga.budgetbot.agency.LinkResult;
import th.or.dga.budgetbot.agency.AgencyDirectory;
import th.or.dga.budgetbot.agency.StaffLinking;
import th.or.dga.budgetbot.calendar.FiscalYear;
import th.or.dga.budgetbot.calendar.FiscalYearCalendar;
import th.or.dga.budgetbot.intents.ActiveIntents;
import th.or.dga.budgetbot.intents.Answer;
import th.or.dga.budgetbot.intents.AnswerKind;
import th.or.dga.budgetbot.intents.Intent;
import th.or.dga.budgetbot.intents.IntentCatalog;
import th.or.dga.budgetbot.intents.IntentSnapshot;
import th.or.dga.budgetbot.intents.UnansweredQuestions;
import th.or.dga.budgetbot.language.Language;
import th.or.dga.budgetbot.language.LocalizedText;
import th.or.dga.budgetbot.nlu.Classification;
import th.or.dga.budgetbot.nlu.ClassificationMetrics;
import th.or.dga.budgetbot.nlu.ClassificationSlots;
import th.or.dga.budgetbot.nlu.Mentions;
import th.or.dga.budgetbot.nlu.QuestionType;

/**
 * Answers one message: classify it, check that the intent's facts are about what the user
 * named (year, committee), and fill the intent's answer from the catalog and the calendar.
 * Anything the bot cannot answer from facts gets the fallback with the contact channel; the
 * bot never answers with the nearest fact instead.
 */
public class Conversation {

	private final ActiveIntents intents;

	private final FiscalYearCalendar calendar;

	private final OperatorData operator;

	private final ConversationContexts contexts;

	private final StaffLinking linking;

	private final AgencyStatusAnswers status;

	private final UnansweredQuestions unanswered;

	private final AgencyMentions agencyMentions;

	private final double reviewBelow;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final ClassificationMetrics metrics;

	private final ClassificationSlots slots;

	private final Citations citations;

	public Conversation(ActiveIntents intents, FiscalYearCalendar calendar, OperatorData operator,
			ConversationContexts contexts, StaffLinking linking, AgencyDirectory agencies, AgencyMentions agencyMentions,
			UnansweredQuestions unanswered, double reviewBelow, ApplicationEventPublisher events, Clock clock,
			ClassificationMetrics metrics, ClassificationSlots slots) {
		this.intents = intents;
		this.calendar = calendar;
		this.operator = operator;
		this.contexts = contexts;
		this.linking = linking;
		this.status = new AgencyStatusAnswers(agencies, agencyMentions, calendar, operator.replies());
		this.unanswered = unanswered;
		this.agencyMentions = agencyMentions;
		this.reviewBelow = reviewBelow;
		this.events = events;
		this.clock = clock;
		this.metrics = metrics;
		this.slots = slots;
		this.citations = new Citations(operator.facts());
	}

	/** Answers a text message. */
	public Reply answer(Speaker speaker, String text) {
		Optional<AccountCommands.Command> command = AccountCommands.parse(text);
		if (command.isPresent()) {
			return account(speaker, command.get(), Language.of(text));
		}
		IntentSnapshot snapshot = intents.current();
		IntentCatalog catalog = snapshot.catalog();
		Optional<Intent> alertCommand = AlertCommands.parse(text)
			.flatMap(kind -> catalog.intents().stream().filter(i -> i.answer().kind() == kind).findFirst());
		if (alertCommand.isPresent()) {
			return answer(catalog, alertCommand.get(), speaker, text, Mentions.NONE, Language.of(text), 1.0);
		}
		Classification classification = metrics.classify(() -> slots.classify(() -> classify(snapshot, text)));
		Language language = classification.language();
		Optional<Intent> intent = classification.intent().flatMap(catalog::intent);
		if (intent.isEmpty() || FollowUps.isElliptical(text)) {
			// "แล้วปี 65 ล่ะ" right after a fiscal-year answer is that question again, whatever a
			// classifier that has seen "ปี 65" in other questions makes of it.
			Optional<Intent> previous = followUp(speaker.conversation(), classification, catalog);
			if (previous.isPresent()) {
				intent = previous;
			}
		}
		if (intent.isEmpty()) {
			intent = confirmedDecline(catalog, classification, text);
		}
		if (intent.isEmpty()) {
			metrics.fellBack(snapshot.model().refusal(classification));
			unanswered.record(speaker.userId(), text, classification);
			return new Reply(ReplyKind.FALLBACK, null, classification.confidence(), language,
					fill(operator.replies().fallback().in(language), language, Map.of()), menu(catalog, language));
		}
		if (classification.confidence() < reviewBelow) {
			unanswered.record(speaker.userId(), text, classification);
		}
		Optional<Intent> guarded = guarded(catalog, intent.get(), classification, text);
		if (guarded.isEmpty()) {
			return new Reply(ReplyKind.NOT_KNOWN, null, classification.confidence(), language,
					fill(operator.replies().fallback().in(language), language, Map.of()), menu(catalog, language));
		}
		Reply reply = answer(catalog, guarded.get(), speaker, text, classification.mentions(), language,
				classification.confidence());
		if (reply.kind() == ReplyKind.ANSWER) {
			contexts.remember(speaker.conversation(), intent.get().id());
		}
		return reply;
	}

	private Classification classify(IntentSnapshot snapshot, String text) {
		Classification classification = snapshot.model().classify(text);
		if (classification.intent().isEmpty()) {
			return askedAboutANamedAgency(snapshot, text).orElse(classification);
		}
		return classification;
	}

	/**
	 * "status of MOF-CGD's request" is lost on the classifier, which has never seen the name; asked
	 * again with the name as a plain "agency" it is the question about an agency's requests, and
	 * the answer can then say that another agency's requests cannot be shown. Only that kind of
	 * intent is taken from the second try, so no other question changes its answer.
	 */
	private Optional<Classification> askedAboutANamedAgency(IntentSnapshot snapshot, String text) {
		return agencyMentions.masked(text, Language.of(text) == Language.EN ? "agency" : "หน่วยงาน")
			.map(masked -> snapshot.model().classify(masked))
			.filter(retry -> retry.intent()
				.flatMap(snapshot.catalog()::intent)
				.filter(i -> i.answer().kind() == AnswerKind.AGENCY_STATUS)
				.isPresent());
	}

	/**
	 * The intent that answers, after the near-miss rules ({@code config/near-misses.yml}): a
	 * decline intent gives way to the best answering intent when the message does not ask what it
	 * declines ("who allocates the budget" names no person), and an answering intent gives way to
	 * a decline when the message asks for what its facts do not hold (the DGA Director's name).
	 * Empty: a decline the catalog has no intent for, answered with the fallback text.
	 */
	private Optional<Intent> guarded(IntentCatalog catalog, Intent chosen, Classification classification, String text) {
		NearMisses nearMisses = operator.nearMisses();
		Intent intent = chosen;
		if (intent.answer().kind() == AnswerKind.UNKNOWN && !nearMisses.asks(intent.id(), text)) {
			intent = classification.ranking()
				.stream()
				.skip(1)
				.filter(scored -> scored.score() >= nearMisses.giveWayMin())
				.flatMap(scored -> catalog.intent(scored.intent()).stream())
				.filter(i -> i.answer().kind() != AnswerKind.UNKNOWN)
				.findFirst()
				.orElse(intent);
		}
		if (intent.answer().kind() == AnswerKind.UNKNOWN) {
			return Optional.of(intent);
		}
		boolean computed = intent.answer().kind() != AnswerKind.STATIC && intent.answer().kind() != AnswerKind.AGENCY_STATUS;
		Optional<String> decline = nearMisses.declineFor(intent.id(), text, computed);
		return decline.isEmpty() ? Optional.of(intent) : decline.flatMap(catalog::intent);
	}

	/**
	 * A message the gates refused whose best guess is a decline intent gets that intent's "I don't
	 * have that" when a near-miss rule declines the message to the same intent: two weak signals
	 * that agree, and a more useful answer than the fallback (it says what is not held).
	 */
	private Optional<Intent> confirmedDecline(IntentCatalog catalog, Classification classification, String text) {
		String guess = classification.bestGuess();
		if (guess == null) {
			return Optional.empty();
		}
		return operator.nearMisses().declineFor("", text, false).filter(guess::equals).flatMap(catalog::intent);
	}

	/** Answers an intent directly, as a tapped quick reply asks it. */
	public Optional<Reply> answerIntent(Speaker speaker, String intentId, Language language) {
		IntentCatalog catalog = intents.current().catalog();
		return catalog.intent(intentId).map(i -> answer(catalog, i, speaker, null, Mentions.NONE, language, 1.0));
	}

	/**
	 * The announcement's own words for the facts an answer rested on, as its "ดูข้อความต้นฉบับ"
	 * quick reply asks; ids that are not facts are ignored, and none at all get the fallback.
	 */
	public Reply originalText(List<String> factIds, Language language) {
		IntentCatalog catalog = intents.current().catalog();
		return citations.originalText(factIds, language)
			.map(text -> new Reply(ReplyKind.ANSWER, null, 1.0, language, text, List.of()))
			.orElseGet(() -> new Reply(ReplyKind.FALLBACK, null, 0, language,
					fill(operator.replies().fallback().in(language), language, Map.of()), menu(catalog, language)));
	}

	private Reply account(Speaker speaker, AccountCommands.Command command, Language language) {
		IntentCatalog catalog = intents.current().catalog();
		OperatorReplies replies = operator.replies();
		if (!speaker.oneOnOne() || speaker.userId() == null) {
			return new Reply(ReplyKind.ANSWER, null, 1.0, language, replies.privateOnly().in(language), List.of());
		}
		String text;
		if (command instanceof AccountCommands.Link link) {
			LinkResult result = linking.link(speaker.userId(), link.code());
			LocalizedText template = switch (result.outcome()) {
				case LINKED -> replies.linked();
				case USED_CODE -> replies.linkUsed();
				case EXPIRED_CODE -> replies.linkExpired();
				case LOCKED -> replies.linkLocked();
				case WRONG_CODE -> replies.linkWrong();
			};
			text = fill(template.in(language), language, result.linkedAgency()
				.map(a -> Map.of("agency", agencyName(a, language)))
				.orElseGet(() -> Map.of("reference", linking.reference(speaker.userId()))));
		}
		else {
			text = linking.unlink(speaker.userId())
				.map(a -> fill(replies.unlinked().in(language), language, Map.of("agency", agencyName(a, language))))
				.orElse(replies.notLinked().in(language));
		}
		return new Reply(ReplyKind.ANSWER, null, 1.0, language, text, menu(catalog, language));
	}

	private static String agencyName(Agency agency, Language language) {
		return language == Language.EN ? agency.nameEn() : agency.nameTh();
	}

	public Reply welcome(Language language) {
		IntentCatalog catalog = intents.current().catalog();
		return new Reply(ReplyKind.WELCOME, null, 0, language, fill(operator.replies().welcome().in(language), language, Map.of()),
				menu(catalog, language));
	}

	public Reply nonText(Language language) {
		IntentCatalog catalog = intents.current().catalog();
		return new Reply(ReplyKind.NON_TEXT, null, 0, language, fill(operator.replies().nonText().in(language), language, Map.of()),
				menu(catalog, language));
	}

	/**
	 * A message the classifier could not place, but that names a year right after a
	 * fiscal-year answer, is the same question for that year ("แล้วปี 65 ล่ะ").
	 */
	private Optional<Intent> followUp(String conversation, Classification classification, IntentCatalog catalog) {
		if (classification.mentions().years().isEmpty()) {
			return Optional.empty();
		}
		return contexts.lastIntent(conversation)
			.flatMap(catalog::intent)
			.filter(i -> i.answer().kind() == AnswerKind.FISCAL_YEAR);
	}

	private Reply answer(IntentCatalog catalog, Intent intent, Speaker speaker, String text, Mentions mentions,
			Language language, double confidence) {
		List<QuickReplyOption> quickReplies = quickReplies(catalog, intent, language);
		switch (intent.answer().kind()) {
			case AGENCY_STATUS:
				AgencyStatusAnswers.Status answer = status.answer(intent, speaker, mentions, language, text);
				return new Reply(ReplyKind.ANSWER, intent.id(), confidence, language, fill(answer.text(), language, Map.of()),
						quickReplies, answer.cards(), answer.note());
			case UNKNOWN:
				return new Reply(ReplyKind.NOT_KNOWN, intent.id(), confidence, language,
						fill(intent.answer().text().in(language), language, Map.of()),
						quickReplies.isEmpty() ? menu(catalog, language) : quickReplies);
			case FISCAL_YEAR:
				return fiscalYearAnswer(intent, mentions, language, confidence, quickReplies);
			case ALERTS_OFF, ALERTS_ON:
				return alerts(intent, speaker, language, confidence, quickReplies);
			default:
				break;
		}
		Optional<Integer> otherYear = mentions.years().stream().filter(y -> !intent.coversYear(y)).findFirst();
		if (otherYear.isPresent()) {
			return new Reply(ReplyKind.NOT_KNOWN, intent.id(), confidence, language, fill(
					operator.replies().yearNotCovered().in(language), language, Map.of("year", yearText(otherYear.get(), language))),
					menu(catalog, language));
		}
		Optional<String> otherCommittee = mentions.committees().stream().filter(c -> !intent.coversCommittee(c)).findFirst();
		if (otherCommittee.isPresent()) {
			return new Reply(ReplyKind.NOT_KNOWN, intent.id(), confidence, language,
					fill(operator.replies().committeeNotCovered().in(language), language,
							Map.of("committee", otherCommittee.get())),
					menu(catalog, language));
		}
		// Asked when / who / how many / which years: the text that gives that, on the facts it rests on.
		Optional<Answer.Asked> asked = intent.answer().asked(QuestionType.of(text));
		if (asked.isPresent() && !asked.get().known()) {
			return new Reply(ReplyKind.NOT_KNOWN, intent.id(), confidence, language,
					fill(asked.get().text().in(language), language, Map.of()), menu(catalog, language));
		}
		LocalizedText body = asked.map(Answer.Asked::text).orElse(intent.answer().text());
		return cited(new Reply(ReplyKind.ANSWER, intent.id(), confidence, language, fill(body.in(language), language, Map.of()),
				quickReplies), asked.map(Answer.Asked::facts).orElse(intent.facts()));
	}

	/**
	 * An answer that rests on facts ends with where they come from, and offers their original
	 * text as its first quick reply (LINE shows at most 13; an intent has at most 4 of its own).
	 */
	private Reply cited(Reply reply, List<String> facts) {
		Optional<QuickReplyOption> button = citations.button(facts, reply.language());
		if (button.isEmpty()) {
			return reply;
		}
		List<QuickReplyOption> quickReplies = new java.util.ArrayList<>(reply.quickReplies());
		quickReplies.add(0, button.get());
		return new Reply(reply.kind(), reply.intent(), reply.confidence(), reply.language(),
				citations.cited(reply.text(), facts, reply.language()), quickReplies, reply.cards(), reply.note());
	}

	/**
	 * Does what the alert intents say: the choice is the officer's own, so it takes a user (a
	 * group or room message has none to act on for sure) and is announced for the notices to
	 * honour; the intent's text confirms it.
	 */
	private Reply alerts(Intent intent, Speaker speaker, Language language, double confidence,
			List<QuickReplyOption> quickReplies) {
		if (speaker.userId() == null || !speaker.oneOnOne()) {
			return new Reply(ReplyKind.ANSWER, intent.id(), confidence, language, operator.replies().privateOnly().in(language),
					List.of());
		}
		events.publishEvent(intent.answer().kind() == AnswerKind.ALERTS_OFF ? new AlertsOptedOut(speaker.userId())
				: new AlertsOptedIn(speaker.userId()));
		return new Reply(ReplyKind.ANSWER, intent.id(), confidence, language,
				fill(intent.answer().text().in(language), language, Map.of()), quickReplies);
	}

	private Reply fiscalYearAnswer(Intent intent, Mentions mentions, Language language, double confidence,
			List<QuickReplyOption> quickReplies) {
		int defaultYear = calendar.currentYear() + (intent.answer().nextYearByDefault() ? 1 : 0);
		FiscalYear year = calendar.year(mentions.lastYear().orElse(defaultYear));
		FiscalYearAnswers.Filled filled = FiscalYearAnswers.of(year, language, clock.instant());
		LocalizedText template = intent.answer().variant(filled.variant());
		// An unlisted year is not an answer from facts: the bot says it has no information yet.
		ReplyKind kind = filled.known() ? ReplyKind.ANSWER : ReplyKind.NOT_KNOWN;
		Reply reply = new Reply(kind, intent.id(), confidence, language, fill(template.in(language), language, filled.values()),
				quickReplies);
		// The announcement speaks of its own year (F12: FY2564); another year's answer rests on the calendar.
		return filled.known() ? cited(reply, citations.about(intent.facts(), year.year())) : reply;
	}

	private String fill(String template, Language language, Map<String, String> values) {
		return Templates.fill(template.replace("{contact}", operator.contact().in(language)), values);
	}

	private static String yearText(int year, Language language) {
		return language == Language.EN ? "B.E. " + year + " (" + (year - 543) + ")" : "พ.ศ. " + year;
	}

	private static List<QuickReplyOption> quickReplies(IntentCatalog catalog, Intent intent, Language language) {
		return options(catalog, intent.quickReplies(), language);
	}

	private List<QuickReplyOption> menu(IntentCatalog catalog, Language language) {
		return options(catalog, operator.menu(), language);
	}

	private static List<QuickReplyOption> options(IntentCatalog catalog, List<String> ids, Language language) {
		return ids.stream()
			.flatMap(id -> catalog.intent(id).stream())
			.map(i -> new QuickReplyOption(i.label().in(language), i.id()))
			.toList();
	}

}
