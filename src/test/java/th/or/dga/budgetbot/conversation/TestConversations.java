package th.or.dga.budgetbot.conversation;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import th.or.dga.budgetbot.agency.AgencyMentions;
import th.or.dga.budgetbot.agency.RedisAgencies;
import th.or.dga.budgetbot.agency.RedisSubmissions;
import th.or.dga.budgetbot.agency.StaffLinking;

import th.or.dga.budgetbot.calendar.FiscalYearCalendar;
import th.or.dga.budgetbot.intents.ActiveIntents;
import th.or.dga.budgetbot.intents.IntentSnapshot;
import th.or.dga.budgetbot.intents.IntentTraining;
import th.or.dga.budgetbot.intents.ProgrammeFacts;
import th.or.dga.budgetbot.intents.UnansweredQuestions;
import th.or.dga.budgetbot.nlu.NluProperties;
import th.or.dga.budgetbot.store.TestRedis;

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
		return new StaffLinking(TestRedis.template(), agencies(), Clock.systemUTC(), Duration.ofHours(72),
				"test-key".getBytes(StandardCharsets.UTF_8));
	}

	/** A new agency of that Thai name; returns its code. */
	public static String agency(String nameTh) {
		String code = "TC" + java.util.UUID.randomUUID().toString().substring(0, 6).toUpperCase().replaceAll("[^A-Z0-9]", "X");
		agencies().save(new th.or.dga.budgetbot.agency.Agency(code, nameTh, "Test agency", null));
		return code;
	}

	public static void saveAgency(th.or.dga.budgetbot.agency.Agency agency) {
		agencies().save(agency);
	}

	private static RedisAgencies agencies() {
		return new RedisAgencies(TestRedis.template(), JsonMapper.builder().findAndAddModules().build());
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
		ConversationContexts contexts = new ConversationContexts(TestRedis.template(), Duration.ofMinutes(5),
				"test-key".getBytes(StandardCharsets.UTF_8));
		ObjectMapper json = JsonMapper.builder().findAndAddModules().build();
		RedisAgencies agencies = new RedisAgencies(TestRedis.template(), json);
		StaffLinking linking = new StaffLinking(TestRedis.template(), agencies, Clock.systemUTC(), Duration.ofHours(72),
				"test-key".getBytes(StandardCharsets.UTF_8));
		return new Conversation(new ActiveIntents(trainedCatalog()), calendar, OperatorData.load(Path.of("config")), contexts,
				linking, new RedisSubmissions(TestRedis.template(), json), new AgencyMentions(agencies),
				new UnansweredQuestions(TestRedis.template(), Clock.systemUTC(), Duration.ofMinutes(10),
						"test-key".getBytes(StandardCharsets.UTF_8)),
				0.45, events);
	}

}
