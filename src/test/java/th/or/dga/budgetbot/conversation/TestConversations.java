package th.or.dga.budgetbot.conversation;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;


import th.or.dga.budgetbot.agency.StaffLinking;
import th.or.dga.budgetbot.agency.TestAgencies;
import th.or.dga.budgetbot.hashing.UserIdHashes;

import th.or.dga.budgetbot.calendar.FiscalYearCalendar;
import th.or.dga.budgetbot.intents.ActiveIntents;
import th.or.dga.budgetbot.intents.IntentSnapshot;
import th.or.dga.budgetbot.intents.IntentTraining;
import th.or.dga.budgetbot.intents.ProgrammeFacts;
import th.or.dga.budgetbot.intents.UnansweredQuestions;
import th.or.dga.budgetbot.nlu.ClassificationMetrics;
import th.or.dga.budgetbot.nlu.ClassificationSlots;
import th.or.dga.budgetbot.nlu.NluProperties;
import th.or.dga.budgetbot.store.TestRedis;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The real catalog, calendar and operator data of the repository, trained once per JVM. */
public final class TestConversations {

	private static IntentSnapshot snapshot;

	private TestConversations() {
	}

	public static synchronized IntentSnapshot trainedCatalog() {
		if (snapshot == null) {
			snapshot = new IntentTraining(ProgrammeFacts.ids(Path.of("config/facts.yml")), NluProperties.defaults())
				.train(Path.of("intents"));
		}
		return snapshot;
	}

	/** Issues codes the conversations of this class accept. */
	public static StaffLinking linking() {
		return agencyParts().linking();
	}

	/** A new agency of that Thai name; returns its code. */
	public static String agency(String nameTh) {
		String code = "TC" + java.util.UUID.randomUUID().toString().substring(0, 6).toUpperCase().replaceAll("[^A-Z0-9]", "X");
		TestAgencies.save(TestRedis.template(), new th.or.dga.budgetbot.agency.Agency(code, nameTh, "Test agency", null));
		return code;
	}

	public static void saveAgency(th.or.dga.budgetbot.agency.Agency agency) {
		TestAgencies.save(TestRedis.template(), agency);
	}

	private static final UserIdHashes HASHES = UserIdHashes.withKey("test-key-of-16-bytes-or-more");

	private static TestAgencies.Parts agencyParts() {
		return TestAgencies.on(TestRedis.template(), Clock.systemUTC(), HASHES);
	}

	public static Conversation conversation() {
		return conversation(FiscalYearCalendar.load(Path.of("config/fiscal-years.yml")));
	}

	public static Conversation conversation(FiscalYearCalendar calendar) {
		return conversation(calendar, event -> {
		});
	}

	/** With the events it publishes (opt-outs) going to {@code events}. */
	public static Conversation conversation(FiscalYearCalendar calendar,
			org.springframework.context.ApplicationEventPublisher events) {
		return conversation(calendar, events, Clock.systemUTC());
	}

	/** Telling the time left by {@code clock}. */
	public static Conversation conversation(FiscalYearCalendar calendar,
			org.springframework.context.ApplicationEventPublisher events, Clock clock) {
		ConversationContexts contexts = new ConversationContexts(TestRedis.template(), Duration.ofMinutes(5), HASHES);
		TestAgencies.Parts agencies = agencyParts();
		return new Conversation(new ActiveIntents(trainedCatalog()), calendar, OperatorData.load(Path.of("config")), contexts,
				agencies.linking(), agencies.directory(), agencies.mentions(),
				new UnansweredQuestions(TestRedis.template(), Clock.systemUTC(), Duration.ofMinutes(10),
						UserIdHashes.withKey("test-key-0123456789abcdef")),
				0.45, events, clock, new ClassificationMetrics(new SimpleMeterRegistry()),
				ClassificationSlots.unbounded());
	}

}
