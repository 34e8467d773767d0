package th.or.dga.budgetbot.agency;

import java.time.Instant;

/** A one-time code that links a LINE user to an agency; shown once, only its hash is stored. */
public record LinkCode(String code, Instant expiresAt) {
}
