package io.tanpopo.pop3.protocol;

import java.time.Duration;

/**
 * {@link CommandInterceptor#none()}: runs every command as it is. A class rather than a lambda: a
 * lambda is spun into a class when a server is first built, and resolving its signature loads the
 * session, command and outcome classes there too, before any client has connected.
 */
final class PassThrough implements CommandInterceptor {

    static final PassThrough INSTANCE = new PassThrough();

    private PassThrough() {}

    @Override
    public Dispatcher.Outcome intercept(Pop3Session session, CommandLine line, Command command) {
        return new Dispatcher.Outcome(command.execute(session, line), Duration.ZERO);
    }
}
