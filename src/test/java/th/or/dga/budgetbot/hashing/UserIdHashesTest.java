package th.or.dga.budgetbot.hashing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UserIdHashesTest {

	@Test
	void theSameUserHashesTheSameAndTheIdCannotBeReadBack() {
		UserIdHashes hashes = UserIdHashes.withKey("channel-secret");
		String user = "U4af4980629f6d6e2a1f1a3b4c5d6e7f8";

		assertThat(hashes.hash(user)).isEqualTo(hashes.hash(user)).hasSize(64).doesNotContain(user.substring(1));
	}

	@Test
	void anotherKeyGivesAnotherHashSoNobodyCanHashAKnownIdWithoutTheKey() {
		String user = "U4af4980629f6d6e2a1f1a3b4c5d6e7f8";

		assertThat(UserIdHashes.withKey("one-key").hash(user)).isNotEqualTo(UserIdHashes.withKey("other-key").hash(user));
		assertThat(UserIdHashes.withKey("one-key").hash(user)).isNotEqualTo(Sha256.hex(user));
	}

	@Test
	void refusesAnEmptyKey() {
		assertThatThrownBy(() -> UserIdHashes.withKey("")).hasMessageContaining("app.privacy.user-id-key");
	}

	@Test
	void sha256IsTheStandardDigest() {
		assertThat(Sha256.hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

}
