/**
 * What the process-level tests run as real processes: the packaged application jar and a Redis
 * server that can be stopped and started again with its data, put together with the stub LINE
 * API as {@link th.or.dga.budgetbot.process.RunningBot}.
 */
package th.or.dga.budgetbot.process;
