package th.or.dga.budgetbot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import th.or.dga.budgetbot.intents.ProgrammeFacts;
import th.or.dga.budgetbot.language.Language;

class CitationsTest {

	private static final ProgrammeFacts FACTS = ProgrammeFacts.load(Path.of("config/facts.yml"));

	private final Citations citations = new Citations(FACTS);

	@Test
	void namesTheDocumentAndItsDateOnce() {
		assertThat(citations.sourceLine(List.of("F5", "F6"), Language.TH)).hasValue("ที่มา: ประกาศ สพร. 15 ม.ค. 2564");
		assertThat(citations.sourceLine(List.of("F10"), Language.EN)).hasValue("Source: DGA announcement 15 Jan 2021");
		assertThat(citations.sourceLine(List.of(), Language.TH)).isEmpty();
		assertThat(citations.cited("คำตอบ", List.of("F1"), Language.TH)).isEqualTo("คำตอบ\n\nที่มา: ประกาศ สพร. 15 ม.ค. 2564");
	}

	@Test
	void theOriginalTextQuotesFactsYml() {
		String thai = citations.originalText(List.of("F5", "F6"), Language.TH).orElseThrow();
		String english = citations.originalText(List.of("F10"), Language.EN).orElseThrow();

		assertThat(thai).contains(FACTS.fact("F5").orElseThrow().original())
			.contains(FACTS.fact("F6").orElseThrow().original())
			.contains("แผนการบูรณาการรัฐบาลดิจิทัล ในงบประมาณ พ.ศ.2564")
			.contains("15 ม.ค. 2564");
		assertThat(thai.indexOf("๑๘")).isLessThan(thai.indexOf("๒๕๖๓-๒๕๖๕"));
		assertThat(english).contains(FACTS.fact("F10").orElseThrow().original())
			.contains("In English: " + FACTS.fact("F10").orElseThrow().text().en())
			.contains("15 Jan 2021");
	}

	@Test
	void ignoresWhatIsNotAFactAndBoundsTheRequest() {
		assertThat(citations.originalText(List.of("F99", "<script>", ""), Language.TH)).isEmpty();
		assertThat(citations.known(List.of("F3", "F99", "F3", "F1"))).containsExactly("F3", "F1");
		List<String> many = java.util.stream.Stream.generate(() -> "F99").limit(1000).toList();
		assertThat(citations.known(many)).isEmpty();
	}

	@Test
	void allTwelveFactsFitInOneLineMessage() {
		List<String> all = List.copyOf(FACTS.ids());
		for (Language language : Language.values()) {
			assertThat(citations.originalText(all, language).orElseThrow().length()).as(language.name()).isLessThanOrEqualTo(5000);
			QuickReplyOption button = citations.button(all, language).orElseThrow();
			assertThat(button.label().length()).isLessThanOrEqualTo(20);
			assertThat(String.join(",", button.originalOf()).length() + "original=&lang=th".length()).isLessThanOrEqualTo(300);
		}
		assertThat(citations.button(List.of("F1"), Language.TH).orElseThrow().label()).isEqualTo("ดูข้อความต้นฉบับ");
		assertThat(citations.button(List.of("F1"), Language.EN).orElseThrow().label()).isEqualTo("original text");
	}

	@Test
	void aFiscalYearAnswerRestsOnTheAnnouncementOnlyForItsYear() {
		assertThat(citations.about(List.of("F12"), 2564)).containsExactly("F12");
		assertThat(citations.about(List.of("F12"), 2565)).isEmpty();
		assertThat(citations.about(List.of("F1"), 2565)).containsExactly("F1");
	}

}
