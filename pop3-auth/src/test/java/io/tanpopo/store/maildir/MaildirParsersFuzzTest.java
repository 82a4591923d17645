package io.tanpopo.store.maildir;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import io.tanpopo.store.MessageInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Maildir names and the two bookkeeping files other programs may have written (or damaged): the
 * parsers never throw, and what they keep is usable. In this package because the parsers are
 * package-private; the hardening tests proper live in {@code io.tanpopo.store.maildir.hardening}.
 * Regression inputs: {@code src/test/resources/io/tanpopo/store/maildir/MaildirParsersFuzzTestInputs/}.
 */
class MaildirParsersFuzzTest {

    private static final Path ROOT = tempRoot();

    @FuzzTest(maxDuration = "15s")
    void fileName(FuzzedDataProvider data) {
        String name = data.consumeRemainingAsString();
        Optional<MessageName> parsed = MessageName.parse(name);
        if (parsed.isEmpty()) {
            return;
        }
        MessageName n = parsed.get();
        if (n.base().isEmpty()
                || !name.startsWith(n.base())
                || name.indexOf('/') >= 0
                || name.chars().anyMatch(c -> c < 0x20)) {
            throw new AssertionError("accepted a bad name: " + name);
        }
        String renamed = n.withFlags("S");
        // A name already near the 255-character limit cannot take an info suffix; such a file
        // stays in new/ (README, "What is tested"), so only shorter results must parse back.
        if (renamed.length() <= 255
                && MessageName.parse(renamed)
                        .map(MessageName::base)
                        .filter(n.base()::equals)
                        .isEmpty()) {
            throw new AssertionError("adding a flag lost the base name: " + renamed);
        }
        n.wireSize().ifPresent(size -> {
            if (size < 0) {
                throw new AssertionError("negative W= size from " + name);
            }
        });
        n.deliveryTime();
        n.microseconds();
        if (!MessageInfo.isValidUid(FilenameUidl.of(n.base()))) {
            throw new AssertionError("invalid UIDL from " + name);
        }
    }

    @FuzzTest(maxDuration = "15s")
    void sizeCache(@NotNull byte[] content) throws IOException {
        Files.write(ROOT.resolve(SizeCacheFile.NAME), content);
        try (MaildirHandles maildir = MaildirHandles.open(ROOT, false)) {
            for (Map.Entry<String, SizeEntry> e :
                    new SizeCacheFile().read(maildir).entrySet()) {
                if (MessageName.parse(e.getKey()).isEmpty()
                        || e.getValue().size() < 0
                        || e.getValue().length() < 0) {
                    throw new AssertionError("kept a bad size entry: " + e);
                }
            }
        } catch (OpenRefusal e) {
            throw new AssertionError(e);
        }
    }

    @FuzzTest(maxDuration = "15s")
    void dovecotUidList(@NotNull byte[] content) throws IOException {
        Files.write(ROOT.resolve(DovecotUidList.NAME), content);
        try (MaildirHandles maildir = MaildirHandles.open(ROOT, false)) {
            byte[] read = SafeFile.readAll(maildir.root(), Path.of(DovecotUidList.NAME), DovecotUidList.MAX_BYTES)
                    .orElseThrow();
            for (Map.Entry<String, DovecotUidList.Entry> e : DovecotUidList.parse(read)
                    .map(DovecotUidList::entries)
                    .orElse(Map.of())
                    .entrySet()) {
                String pop3 = e.getValue().pop3Uidl();
                if ((pop3 != null && !MessageInfo.isValidUid(pop3))
                        || e.getValue().uid() <= 0) {
                    throw new AssertionError("kept a bad uidlist entry: " + e);
                }
            }
        } catch (OpenRefusal e) {
            throw new AssertionError(e);
        }
    }

    private static Path tempRoot() {
        try {
            Path root = Files.createTempDirectory("tanpopo-fuzz-maildir");
            root.toFile().deleteOnExit();
            for (String sub : new String[] {"cur", "new"}) {
                Files.createDirectory(root.resolve(sub)).toFile().deleteOnExit();
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
