package io.tanpopo.pop3.protocol;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/** The threads sessions run on, and who hears about them: one per server. */
public record SessionRuntime(Executor workers, ScheduledExecutorService timer, SessionListener listener) {
}
