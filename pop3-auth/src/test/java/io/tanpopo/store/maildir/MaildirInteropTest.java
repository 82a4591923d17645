package io.tanpopo.store.maildir;

import static io.tanpopo.store.maildir.MaildirStoreTest.open;
import static io.tanpopo.store.maildir.MaildirStoreTest.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.store.CommitResult;
import io.tanpopo.store.CrlfSize;
import io.tanpopo.store.Maildrop;
import io.tanpopo.store.MessageInfo;
import io.tanpopo.testsupport.RequiresProgram;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tanpopo and real mail programs on the same maildir. */
@RequiresProgram(value = "/usr/lib/dovecot/dovecot-lda", debianPackage = "dovecot-core")
@RequiresProgram(value = "/usr/bin/doveadm", debianPackage = "dovecot-core")
@RequiresProgram(value = "/usr/bin/mdeliver", debianPackage = "mblaze")
@RequiresProgram(value = "/usr/bin/setpriv", debianPackage = "util-linux")
class MaildirInteropTest {

    static final String DOT = "From: a@example.org\nSubject: dot\n\n.starts with a dot\nend\n";
    static final String LF = "From: b@example.org\nSubject: lf\n\nbare\nline feeds\n";
    static final String MBLAZE = "From: c@example.org\nSubject: mblaze\n\nvia mdeliver\n";

    @TempDir
    Path dir;

    /** One row per message of {@code doveadm -f tab fetch 'uid size.virtual guid flags' all}. */
    private static List<String[]> fetch(ExternalTools tools) throws Exception {
        String out = tools.doveadm("-f", "tab", "fetch", "uid size.virtual guid flags", "all");
        List<String[]> rows = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            if (!line.startsWith("uid\t")) {
                rows.add(line.split("\t", -1));
            }
        }
        return rows;
    }

    @Test
    void dovecotAndMblazeDeliveries_areListedReadAndCommitted_withDovecotsUidls() throws Exception {
        TestMaildir md = TestMaildir.create(dir.resolve("mail"), "alice");
        ExternalTools tools = new ExternalTools(dir, md.root);
        tools.lda(DOT);
        tools.lda(LF);
        tools.mdeliver(md.root, MBLAZE);

        List<String[]> rows = fetch(tools); // also makes Dovecot assign UIDs to all three
        assertThat(rows).hasSize(3);
        long validity = Long.parseLong(tools.doveadm("-f", "tab", "mailbox", "status", "uidvalidity", "INBOX")
                .strip()
                .split("\n")[1]
                .split("\t")[1]);
        List<String> dovecotUidls = rows.stream()
                .map(r -> String.format(Locale.ROOT, "%08x%08x", Long.parseLong(r[0]), validity))
                .toList();

        MaildirStore store = new MaildirStore(
                MaildirConfig.of(md.template()).withUidl(UidlStyle.DOVECOT).withMarkSeen(true));
        try (Maildrop maildrop = open(store, "alice")) {
            assertThat(maildrop.messages()).extracting(MessageInfo::uid).containsExactlyElementsOf(dovecotUidls);
            assertThat(maildrop.messages())
                    .extracting(MessageInfo::size)
                    .containsExactly(
                            CrlfSize.of(DOT.getBytes(StandardCharsets.UTF_8)),
                            CrlfSize.of(LF.getBytes(StandardCharsets.UTF_8)),
                            CrlfSize.of(MBLAZE.getBytes(StandardCharsets.UTF_8)));
            assertThat(maildrop.messages())
                    .extracting(MessageInfo::size)
                    .containsExactlyElementsOf(
                            rows.stream().map(r -> Long.parseLong(r[1])).toList());
            assertThat(read(maildrop, 0)).endsWith(DOT);
            assertThat(read(maildrop, 2)).isEqualTo(MBLAZE);
            BitSet deleted = new BitSet();
            deleted.set(1);
            BitSet retrieved = new BitSet();
            retrieved.set(0, 3);
            assertThat(maildrop.commit(deleted, retrieved)).isEqualTo(new CommitResult.Committed(1));
        }
        assertThat(md.names("new")).isEmpty();
        assertThat(md.names("cur")).allMatch(name -> name.endsWith(":2,S"));

        List<String[]> after = fetch(tools);
        assertThat(after).extracting(r -> r[0]).containsExactly(rows.get(0)[0], rows.get(2)[0]);
        assertThat(after).allMatch(r -> r[3].contains("\\Seen"));
        try (Maildrop maildrop = open(store, "alice")) {
            assertThat(maildrop.messages())
                    .extracting(MessageInfo::uid)
                    .containsExactly(dovecotUidls.get(0), dovecotUidls.get(2));
        }
    }
}
