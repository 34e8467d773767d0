package th.or.dga.budgetbot.intents;

import java.util.Optional;

/**
 * Models trained earlier, by the fingerprint of what they were trained from, so that a restart
 * or another instance loads a catalog's model instead of training it again.
 */
public interface TrainedModels {

	/** Nothing stored, nothing found: for the command line and tests that must always train. */
	TrainedModels NONE = new TrainedModels() {

		@Override
		public Optional<byte[]> find(String fingerprint) {
			return Optional.empty();
		}

		@Override
		public void save(String fingerprint, byte[] weights) {
		}

	};

	Optional<byte[]> find(String fingerprint);

	/** Called only with a model that trained successfully. */
	void save(String fingerprint, byte[] weights);

}
