package th.or.dga.budgetbot.alert;

import java.time.Clock;

import org.quartz.Scheduler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;

import th.or.dga.budgetbot.agency.AgencyDirectory;
import th.or.dga.budgetbot.calendar.FiscalYearCalendar;
import th.or.dga.budgetbot.hashing.UserIdHashes;
import th.or.dga.budgetbot.notice.NoticeManagement;
import th.or.dga.budgetbot.notice.NoticesProperties;

@Configuration(proxyBeanMethods = false)
class AlertConfiguration {

	@Bean
	PendingAllocations pendingAllocations(StringRedisTemplate redis, ObjectMapper json) {
		return new PendingAllocations(redis, json);
	}

	@Bean
	Acknowledgements acknowledgements(StringRedisTemplate redis) {
		return new Acknowledgements(redis);
	}

	@Bean
	AllocationTriggers allocationTriggers(Scheduler scheduler, Clock clock) {
		return new AllocationTriggers(scheduler, clock);
	}

	@Bean
	AlertAcknowledgement alertAcknowledgement(Acknowledgements acknowledgements, NoticeManagement notices,
			AgencyDirectory agencies, UserIdHashes hashes, AlertsProperties properties, Clock clock) {
		return new AlertAcknowledgement(acknowledgements, notices, agencies, hashes, properties, clock);
	}

	@Bean
	AllocationAlerts allocationAlerts(PendingAllocations pending, AllocationTriggers triggers, NoticeManagement notices,
			AlertAcknowledgement acknowledgement, AgencyDirectory agencies, AlertsProperties properties,
			NoticesProperties noticesProperties, Clock clock) {
		return new AllocationAlerts(pending, triggers, notices, acknowledgement, agencies, properties, noticesProperties.zone(), clock);
	}

	@Bean
	ReminderTriggers reminderTriggers(Scheduler scheduler, Clock clock) {
		return new ReminderTriggers(scheduler, clock);
	}

	@Bean
	ReminderRecords reminderRecords(StringRedisTemplate redis, AlertsProperties properties) {
		return new ReminderRecords(redis, properties.retention());
	}

	@Bean
	DeadlineReminders deadlineReminders(FiscalYearCalendar calendar, AgencyDirectory agencies, NoticeManagement notices,
			AlertAcknowledgement acknowledgement, ReminderTriggers triggers, ReminderRecords records,
			AlertsProperties properties, Clock clock) {
		return new DeadlineReminders(calendar, agencies, notices, acknowledgement, triggers, records, properties, clock);
	}

	@Bean
	AlertSweeper alertSweeper(AllocationAlerts allocations, DeadlineReminders reminders, AlertAcknowledgement acknowledgement,
			AlertsProperties properties) {
		return new AlertSweeper(allocations, reminders, acknowledgement, properties.sweepEvery());
	}

}
