package io.tanpopo.pop3;

import io.tanpopo.auth.Authenticator;
import io.tanpopo.pop3.access.ClientChecks;
import io.tanpopo.pop3.config.Limits;
import io.tanpopo.pop3.config.Pop3Config;
import io.tanpopo.pop3.login.Cleartext;
import io.tanpopo.pop3.protocol.CommandInterceptor;
import io.tanpopo.pop3.protocol.ProtocolContext;
import io.tanpopo.pop3.protocol.SessionListener;
import io.tanpopo.pop3.protocol.command.StandardCommands;
import io.tanpopo.pop3.proxy.ProxyPolicy;
import io.tanpopo.pop3.session.Pop3Protocol;
import io.tanpopo.pop3.session.SessionRuntime;
import io.tanpopo.pop3.tls.TlsConfig;
import io.tanpopo.pop3.transport.SharedIo;
import io.tanpopo.store.MailStore;
import io.tanpopo.store.memory.MemoryStore;
import java.time.Clock;
import java.util.Optional;

/** Everything a server is made of, as {@link Pop3ServerBuilder} settled it. */
record ServerParts(
        Pop3Config config,
        Authenticator authenticator,
        MailStore store,
        SessionListener listener,
        ServerThreads threads,
        Optional<TlsConfig> tls,
        Optional<Integer> implicitTlsPort,
        Cleartext cleartext,
        CommandInterceptor interceptor,
        ClientChecks clientChecks,
        Limits limits,
        ProxyPolicy proxy,
        int ioThreads,
        Optional<SharedIo> sharedIo) {

    /** The parts {@code builder} asks for, its defaults filled in; checks the settings. */
    static ServerParts of(Pop3ServerBuilder builder) {
        Pop3Config config = builder.settings.build();
        Optional<TlsConfig> certificate = builder.tlsOff
                ? Optional.empty()
                : Optional.of(builder.tls.orElseGet(() -> TlsConfig.generated(config.hostname())));
        return new ServerParts(
                config,
                builder.authenticator != null ? builder.authenticator : builder.users,
                builder.store != null ? builder.store : new MemoryStore(builder.maildropLock),
                HealthChecks.hiddenFrom(SessionListeners.of(builder.listeners)),
                ServerThreads.of(config.workerThreads(), builder.authThreads),
                certificate,
                builder.implicitTlsPort,
                builder.cleartext,
                builder.interceptor,
                builder.clientChecks,
                builder.limits,
                builder.proxy,
                Math.max(1, builder.ioThreads),
                builder.sharedIo.isPresent() || builder.ioThreads > 0
                        ? builder.sharedIo
                        : Optional.of(SharedIo.common()));
    }

    /** The protocol these parts make up, transport aside. */
    Pop3Protocol protocol(boolean tlsAvailable) {
        ProtocolContext context = ProtocolContext.of(config, authenticator, listener, interceptor, limits);
        StandardCommands.Setup setup =
                new StandardCommands.Setup(store, cleartext, tlsAvailable, Version.current(), Clock.systemUTC());
        return new Pop3Protocol(
                context,
                StandardCommands.table(context, setup),
                new SessionRuntime(threads.workers(), threads.authentication(), threads.timer(), listener),
                clientChecks);
    }
}
