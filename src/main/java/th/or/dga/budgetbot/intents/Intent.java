package th.or.dga.budgetbot.intents;

import java.nio.file.Path;
import java.util.List;

import th.or.dga.budgetbot.language.LocalizedText;

/**
 * One answer intent: what users ask, how the bot answers, and on which facts it rests.
 *
 * @param years the years the facts are about; a message naming another year is not answered
 *     with this intent's facts (empty: any year)
 * @param committees the committee numbers the facts are about ("1.3"); a message naming another
 *     committee is not answered with this intent's facts (empty: any)
 * @param quickReplies ids of intents offered as quick replies after the answer
 */
public record Intent(String id, LocalizedText label, List<String> facts, List<Integer> years, List<String> committees,
		Answer answer,
		List<String> quickReplies, List<String> thaiExamples, List<String> englishExamples, Path source) {

	public Intent {
		facts = List.copyOf(facts);
		years = List.copyOf(years);
		committees = List.copyOf(committees);
		quickReplies = List.copyOf(quickReplies);
		thaiExamples = List.copyOf(thaiExamples);
		englishExamples = List.copyOf(englishExamples);
	}

	public boolean coversYear(int year) {
		return years.isEmpty() || years.contains(year);
	}

	public boolean coversCommittee(String committee) {
		return committees.isEmpty() || committees.contains(committee);
	}

}
