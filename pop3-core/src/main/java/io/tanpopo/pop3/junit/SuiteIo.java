package io.tanpopo.pop3.junit;

import io.tanpopo.pop3.Pop3ServerBuilder;
import io.tanpopo.pop3.testkit.TestkitSettings;
import io.tanpopo.pop3.transport.SharedIo;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One set of I/O threads for every server the extension starts in a test run, kept in the root
 * context's store (not in a static) and closed by JUnit when the run ends. Servers started per test
 * then open no selector and start no I/O thread.
 */
final class SuiteIo {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SuiteIo.class);
    /** Two selector loops: enough for parallel suites, each thread started only when first needed. */
    private static final int IO_THREADS = 2;

    private SuiteIo() {
    }

    /** {@code settings} with the run's shared I/O; a {@code sharedIo} the test set itself still wins. */
    static TestkitSettings sharing(TestkitSettings settings, ExtensionContext context) {
        SharedIo io = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedIo.class, type -> new SharedIo(IO_THREADS), SharedIo.class);
        Consumer<Pop3ServerBuilder> shared = builder -> builder.sharedIo(io);
        return new TestkitSettings(settings.users(), settings.profile(), shared.andThen(settings.server()),
                settings.storage());
    }
}
