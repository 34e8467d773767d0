package th.or.dga.budgetbot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class AccountCommandsTest {

	@Test
	void readsACodeTypedInTheWaysOfficersTypeIt() {
		assertThat(AccountCommands.parse("link ABCDE-12345")).contains(new AccountCommands.Link("ABCDE-12345"));
		assertThat(AccountCommands.parse("ผูกบัญชี ๑๒๓๔๕ - abcde")).contains(new AccountCommands.Link("๑๒๓๔๕ - abcde"));
		assertThat(AccountCommands.parse("Link: abcde12345.")).contains(new AccountCommands.Link("abcde12345"));
		assertThat(AccountCommands.parse("ผูกบัญชีABCDE 12345")).contains(new AccountCommands.Link("ABCDE 12345"));
		assertThat(AccountCommands.parse("ยกเลิกผูกบัญชี")).contains(new AccountCommands.Unlink());
	}

	@Test
	void takesSentencesThatStartWithLinkForQuestions() {
		for (String text : List.of("link to the budget form please", "link for the 2565 budget guideline",
				"Link to download the request template", "link of the cabinet resolution", "link to the DGA website",
				"linking my account", "ผูกบัญชียังไงคะ", "link", "link ABCDE-12345 please")) {
			assertThat(AccountCommands.parse(text)).as(text).isEmpty();
		}
	}

}
