package io.tanpopo.testkit.junit;

import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.pop3.tls.GeneratedTrust;
import io.tanpopo.testkit.Awaits;
import io.tanpopo.testkit.Faults;
import io.tanpopo.testkit.Pop3Testkit;
import io.tanpopo.testkit.Pop3User;
import io.tanpopo.testkit.TestkitSettings;
import io.tanpopo.testkit.Transcripts;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * JUnit 5 extension running an embedded POP3 server (a {@link Pop3Testkit}) on 127.0.0.1 and a
 * free port. In a static {@code @RegisterExtension} field, or through {@link Pop3Test}, one server
 * serves the class and its {@code @Nested} classes and is reset before each test; in an instance
 * field, or with {@code perTest}, every test gets its own. The server lives in the
 * {@link ExtensionContext.Store}, nothing is static, so parallel classes each have their own.
 *
 * <p>Injects parameters of type {@link Pop3Testkit}, {@link Pop3Server}, {@link Pop3User} (with
 * {@link Pop3UserName} unless there is one user), {@link Faults}, {@link Awaits},
 * {@link Properties} (Jakarta Mail's, ready for {@code Session.getInstance}), the TLS trust as
 * {@link GeneratedTrust} or a client {@link SSLContext}, and {@code @Pop3Port int} (with
 * {@code implicitTls = true}, the POP3S port).
 */
public final class Pop3Extension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final String KEY = "pop3-testkit";

    private final Optional<TestkitSettings> configured;
    private final boolean perTest;
    private volatile Pop3Testkit current;

    /** Used by {@link Pop3Test}: the settings come from the annotation. */
    public Pop3Extension() {
        this.configured = Optional.empty();
        this.perTest = false;
    }

    Pop3Extension(TestkitSettings settings, boolean perTest) {
        this.configured = Optional.of(settings);
        this.perTest = perTest;
    }

    public static Pop3ExtensionBuilder builder() {
        return new Pop3ExtensionBuilder();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!perTest(context) && find(context).isEmpty()) {
            start(context);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Optional<Pop3Testkit> shared = find(context);
        if (shared.isEmpty()) {
            start(context);
            return;
        }
        if (context.getExecutionMode() == ExecutionMode.CONCURRENT) {
            throw new ExtensionConfigurationException(
                    "tests of " + context.getRequiredTestClass().getName()
                            + " run concurrently but share one POP3 server; use a per-test server (an instance field,"
                            + " Pop3Extension.builder().perTest() or @Pop3Test(perTest = true))");
        }
        shared.get().reset();
        current = shared.get();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        closeOwn(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        closeOwn(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Pop3Testkit.class
                || type == Pop3Server.class
                || type == Pop3User.class
                || type == Faults.class
                || type == Awaits.class
                || type == Properties.class
                || type == GeneratedTrust.class
                || type == SSLContext.class
                || ((type == int.class || type == Integer.class) && parameter.isAnnotated(Pop3Port.class));
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Pop3Testkit kit = find(context)
                .orElseThrow(() ->
                        new ParameterResolutionException("no POP3 server is running for " + context.getDisplayName()));
        Class<?> type = parameter.getParameter().getType();
        if (type == Pop3User.class) {
            return user(kit, parameter.findAnnotation(Pop3UserName.class).map(Pop3UserName::value));
        }
        boolean tlsPort = parameter
                .findAnnotation(Pop3Port.class)
                .map(Pop3Port::implicitTls)
                .orElse(false);
        return type == Pop3Server.class
                ? kit.server()
                : type == Faults.class
                        ? kit.faults()
                        : type == Awaits.class
                                ? kit.await()
                                : type == Properties.class
                                        ? kit.mailProperties()
                                        : type == Pop3Testkit.class
                                                ? kit
                                                : type == GeneratedTrust.class
                                                        ? kit.tlsTrust()
                                                        : type == SSLContext.class
                                                                ? kit.tlsTrust().clientSslContext()
                                                                : (Object) (tlsPort ? kit.tlsPort() : kit.port());
    }

    /** The server of the running test (for per-test servers in concurrent tests, inject instead). */
    public Pop3Testkit kit() {
        Pop3Testkit kit = current;
        if (kit == null) {
            throw new IllegalStateException("the POP3 server runs only during tests");
        }
        return kit;
    }

    public Pop3Server server() {
        return kit().server();
    }

    public int port() {
        return kit().port();
    }

    /** The handle of a configured or added user. */
    public Pop3User user(String name) {
        return kit().user(name);
    }

    public Transcripts transcripts() {
        return kit().transcripts();
    }

    public Faults faults() {
        return kit().faults();
    }

    public Awaits await() {
        return kit().await();
    }

    public Properties mailProperties() {
        return kit().mailProperties();
    }

    private Pop3User user(Pop3Testkit kit, Optional<String> name) {
        Map<String, String> users = kit.settings().users();
        if (name.isEmpty() && users.size() != 1) {
            throw new ParameterResolutionException(
                    "annotate the Pop3User parameter with @Pop3UserName;" + " configured users: " + users.keySet());
        }
        return kit.user(name.orElseGet(() -> users.keySet().iterator().next()));
    }

    private void start(ExtensionContext context) {
        Pop3Testkit kit = Pop3Testkit.start(configured.orElseGet(() -> AnnotationSettings.of(context)));
        context.getStore(namespace()).put(KEY, kit);
        current = kit;
    }

    private void closeOwn(ExtensionContext context) {
        // remove() takes only what this very context stored, never an outer class's server.
        Pop3Testkit own = context.getStore(namespace()).remove(KEY, Pop3Testkit.class);
        if (own != null) {
            own.close();
        }
    }

    private Optional<Pop3Testkit> find(ExtensionContext context) {
        return Optional.ofNullable(context.getStore(namespace()).get(KEY, Pop3Testkit.class));
    }

    private ExtensionContext.Namespace namespace() {
        return ExtensionContext.Namespace.create(Pop3Extension.class, this);
    }

    private boolean perTest(ExtensionContext context) {
        return configured.isPresent()
                ? perTest
                : AnnotationSettings.annotation(context).map(Pop3Test::perTest).orElse(false);
    }
}
