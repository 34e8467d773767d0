package th.or.dga.budgetbot.line;

import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import th.or.dga.budgetbot.admin.ListingLimit;
import th.or.dga.budgetbot.line.DeadLetters.DeadLetter;

/** The admin API of the inbox: how much waits, and the events that could not be answered. */
@RestController
@RequestMapping("/api/admin/inbox")
class InboxAdminController {

	private final EventInbox inbox;

	private final DeadLetters deadLetters;

	private final InboxDispatcher dispatcher;

	InboxAdminController(EventInbox inbox, DeadLetters deadLetters, InboxDispatcher dispatcher) {
		this.inbox = inbox;
		this.deadLetters = deadLetters;
		this.dispatcher = dispatcher;
	}

	/**
	 * @param waiting events accepted and not yet finished (waiting, or being answered)
	 * @param oldestAgeSeconds how long the oldest of them has been in the inbox
	 * @param drained nothing waiting and nothing being worked on
	 * @param partitionsHere the partitions this instance works on now
	 */
	record InboxView(long waiting, long oldestAgeSeconds, long deadLetters, boolean drained, List<Integer> partitionsHere) {
	}

	@GetMapping
	@PreAuthorize("hasAuthority('read')")
	InboxView inbox() {
		EventInbox.Snapshot snapshot = inbox.snapshot();
		return new InboxView(snapshot.waiting(), snapshot.oldestAge().toSeconds(), snapshot.deadLetters(), snapshot.waiting() == 0,
				dispatcher.heldPartitions());
	}

	/** Events that could not be answered, newest first: why, how often tried, whose (hashed); never what was asked. */
	@GetMapping("/dead-letters")
	@PreAuthorize("hasAuthority('read')")
	List<DeadLetter> deadLetters(@RequestParam(defaultValue = "100") @ListingLimit int limit) {
		return deadLetters.newest(limit);
	}

}
