package th.or.dga.budgetbot.conversation;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.validation.annotation.Validated;


import th.or.dga.budgetbot.agency.AgencyMentions;
import th.or.dga.budgetbot.agency.AgencyDirectory;
import th.or.dga.budgetbot.hashing.UserIdHashes;
import th.or.dga.budgetbot.agency.StaffLinking;
import th.or.dga.budgetbot.calendar.FiscalYearCalendar;
import th.or.dga.budgetbot.intents.ActiveIntents;
import th.or.dga.budgetbot.intents.IntentsProperties;
import th.or.dga.budgetbot.intents.UnansweredQuestions;
import th.or.dga.budgetbot.nlu.ClassificationMetrics;
import th.or.dga.budgetbot.nlu.ClassificationSlots;

import io.micrometer.core.instrument.MeterRegistry;

@Configuration(proxyBeanMethods = false)
class ConversationConfiguration {

	@Bean
	OperatorData operatorData(ConversationProperties properties, IntentsProperties intents) {
		return OperatorData.load(properties.operatorDir(), intents.factsFile());
	}

	/** Conversation keys are hashed with the channel secret: shared by all instances, never logged. */
	@Bean
	ConversationContexts conversationContexts(StringRedisTemplate redis, ConversationProperties properties,
			UserIdHashes hashes) {
		return new ConversationContexts(redis, properties.contextTtl(), hashes);
	}

	@Bean
	Conversation conversation(ActiveIntents intents, FiscalYearCalendar calendar, OperatorData operator,
			ConversationContexts contexts, StaffLinking linking, AgencyDirectory agencies, AgencyMentions agencyMentions,
			UnansweredQuestions unanswered, IntentsProperties intentsProperties,
			org.springframework.context.ApplicationEventPublisher events, java.time.Clock clock, MeterRegistry meters,
			@org.springframework.beans.factory.annotation.Value("${app.nlu.max-concurrent-classifications:0}") int maxConcurrent) {
		return new Conversation(intents, calendar, operator, contexts, linking, agencies, agencyMentions, unanswered,
				intentsProperties.reviewBelow(), events, clock, new ClassificationMetrics(meters),
				maxConcurrent > 0 ? new ClassificationSlots(maxConcurrent) : ClassificationSlots.forThisMachine());
	}

	/**
	 * {@code app.conversation}.
	 *
	 * @param operatorDir the folder of operator data (contact, replies, menu)
	 * @param contextTtl how long a follow-up may refer to the previous answer
	 */
	@Validated
	@ConfigurationProperties("app.conversation")
	record ConversationProperties(@NotNull Path operatorDir, @NotNull Duration contextTtl) {
	}

}
