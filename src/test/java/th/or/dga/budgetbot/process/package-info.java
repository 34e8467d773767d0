/**
 * What the process-level tests run as real processes: the packaged application jar, put
 * together with a Redis server of its own (that can be stopped and started again with its
 * data) and the stub LINE API as {@link th.or.dga.budgetbot.process.RunningBot}, and LINE's
 * webhook delivery with redelivery.
 */
package th.or.dga.budgetbot.process;
