package th.or.dga.budgetbot.conversation;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import th.or.dga.budgetbot.agency.Agency;
import th.or.dga.budgetbot.agency.AgencyMentions;
import th.or.dga.budgetbot.agency.AgencyDirectory;
import th.or.dga.budgetbot.agency.Submission;
import th.or.dga.budgetbot.calendar.FiscalYear;
import th.or.dga.budgetbot.calendar.FiscalYearCalendar;
import th.or.dga.budgetbot.calendar.ThaiDates;
import th.or.dga.budgetbot.intents.Intent;
import th.or.dga.budgetbot.language.Language;
import th.or.dga.budgetbot.nlu.Mentions;

/**
 * "Where are our requests?": the requests of the asking officer's own agency only, as cards.
 * A request id of another agency is "not found", worded exactly as an id that does not exist.
 * An officer who names another agency is told that its requests cannot be shown, then sees
 * their own.
 */
class AgencyStatusAnswers {

	/** LINE allows 12 bubbles in a carousel. */
	static final int MAX_CARDS = 12;

	private static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");

	private final AgencyDirectory agencies;

	private final FiscalYearCalendar calendar;

	private final OperatorReplies replies;

	private final AgencyMentions agencyMentions;

	AgencyStatusAnswers(AgencyDirectory agencies, AgencyMentions agencyMentions,
			FiscalYearCalendar calendar, OperatorReplies replies) {
		this.agencies = agencies;
		this.agencyMentions = agencyMentions;
		this.calendar = calendar;
		this.replies = replies;
	}

	/**
	 * The answer's text and cards; the caller fills in the contact channel.
	 *
	 * @param note said first, or null
	 */
	record Status(String text, List<StatusCard> cards, boolean linked, String note) {

		Status(String text, List<StatusCard> cards, boolean linked) {
			this(text, cards, linked, null);
		}

	}

	/**
	 * @param text what the officer wrote, for the agencies it names; null for a tapped quick reply
	 */
	Status answer(Intent intent, Speaker speaker, Mentions mentions, Language language, String text) {
		if (!speaker.oneOnOne()) {
			return new Status(replies.privateOnly().in(language), List.of(), false);
		}
		Optional<Agency> agency = speaker.userId() == null ? Optional.empty() : agencies.agencyOf(speaker.userId());
		if (agency.isEmpty()) {
			return new Status(intent.answer().variant("notLinked").in(language), List.of(), false);
		}
		Status own = own(intent, agency.get(), mentions, language);
		String note = otherAgencies(agency.get(), text, language);
		return note == null ? own : new Status(own.text(), own.cards(), true, note);
	}

	/** That the requests of the other agencies the text names cannot be shown, or null if it names none. */
	private String otherAgencies(Agency own, String text, Language language) {
		List<String> others = agencyMentions.in(text)
			.stream()
			.filter(a -> !a.code().equals(own.code()) && !name(a, language).equals(name(own, language)))
			.map(a -> name(a, language))
			.distinct()
			.toList();
		if (others.isEmpty()) {
			return null;
		}
		return Templates.fill(replies.otherAgency().in(language),
				Map.of("agencies", String.join(language == Language.EN ? ", " : " และ ", others), "agency", name(own, language)));
	}

	private static String name(Agency agency, Language language) {
		return language == Language.EN ? agency.nameEn() : agency.nameTh();
	}

	private Status own(Intent intent, Agency agency, Mentions mentions, Language language) {
		String agencyName = name(agency, language);
		List<Submission> found = new ArrayList<>();
		for (String requestId : mentions.requestIds()) {
			Optional<Submission> submission = agencies.submission(agency.code(), requestId);
			if (submission.isEmpty()) {
				return new Status(Templates.fill(intent.answer().variant("notFound").in(language),
						Map.of("requestId", requestId, "agency", agencyName)), List.of(), true);
			}
			found.add(submission.get());
		}
		if (mentions.requestIds().isEmpty()) {
			found.addAll(agencies.submissions(agency.code())
				.stream()
				.filter(s -> mentions.years().isEmpty() || mentions.years().contains(s.fiscalYear()))
				.toList());
		}
		if (found.isEmpty()) {
			String yearPart = mentions.lastYear().map(y -> language == Language.EN ? " for FY" + y : " ปีงบประมาณ " + y).orElse("");
			return new Status(Templates.fill(intent.answer().variant("none").in(language), Map.of("agency", agencyName, "yearPart", yearPart)),
					List.of(), true);
		}
		List<StatusCard> cards = found.stream().limit(MAX_CARDS).map(s -> card(s, language)).toList();
		StringBuilder summary = new StringBuilder(Templates.fill(intent.answer().variant("found").in(language),
				Map.of("agency", agencyName, "count", String.valueOf(found.size()))));
		for (StatusCard card : cards) {
			summary.append("\n- ").append(card.requestId()).append(' ').append(card.title()).append(": ").append(card.status());
		}
		return new Status(summary.toString(), cards, true);
	}

	private StatusCard card(Submission submission, Language language) {
		String lastChange = submission.lastChange() == null ? "-"
				: ThaiDates.format(LocalDate.ofInstant(submission.lastChange(), BANGKOK), language);
		String amount = baht(submission.amountRequested(), language);
		String allocated = submission.allocatedAmount() == null ? null : baht(submission.allocatedAmount(), language);
		String status = submission.status().label(Language.TH) + " / " + submission.status().label(Language.EN);
		String note = calendar.listed(submission.fiscalYear())
			.filter(y -> y.state().closedForRequests() && y.phase() != null)
			.map(y -> programmeNote(y, language))
			.orElse(null);
		String year = language == Language.EN ? "FY" + submission.fiscalYear() : "ปีงบประมาณ " + submission.fiscalYear();
		return new StatusCard(submission.requestId(), submission.title(), year, amount, allocated, status, lastChange, note);
	}

	private String programmeNote(FiscalYear year, Language language) {
		return Templates.fill(replies.programmeClosed().in(language), Map.of("year", String.valueOf(year.year()), "phase", year.phase().in(language)));
	}

	static String baht(BigDecimal amount, Language language) {
		DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
		return language == Language.EN ? "THB " + format.format(amount) : format.format(amount) + " บาท";
	}


}
