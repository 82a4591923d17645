package io.tanpopo.testkit.junit;

import io.tanpopo.pop3.Pop3ServerBuilder;
import io.tanpopo.testkit.MailboxStorage;
import io.tanpopo.testkit.ServerProfile;
import io.tanpopo.testkit.TestkitSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Reads {@link Pop3Test} from the test class or, for {@code @Nested} classes, an enclosing one. */
final class AnnotationSettings {

    private AnnotationSettings() {}

    static TestkitSettings of(ExtensionContext context) {
        Pop3Test test = annotation(context)
                .orElseThrow(() -> new ExtensionConfigurationException(
                        "Pop3Extension without settings needs @Pop3Test on the test class"));
        Map<String, String> users = new LinkedHashMap<>();
        for (String spec : test.users()) {
            Map.Entry<String, String> user = TestkitSettings.parseUser(spec);
            users.put(user.getKey(), user.getValue());
        }
        Consumer<Pop3ServerBuilder> server = test.implicitTls() ? builder -> builder.implicitTlsPort(0) : builder -> {};
        return new TestkitSettings(
                users,
                ServerProfile.named(test.profile()),
                server,
                test.maildir() ? MailboxStorage.tempMaildir() : MailboxStorage.memory());
    }

    static Optional<Pop3Test> annotation(ExtensionContext context) {
        for (Class<?> type = context.getRequiredTestClass(); type != null; type = type.getEnclosingClass()) {
            Pop3Test found = type.getAnnotation(Pop3Test.class);
            if (found != null) {
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }
}
