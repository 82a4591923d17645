package io.tanpopo.store.maildir;

import static io.tanpopo.store.maildir.MaildirStoreTest.open;
import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.store.Maildrop;
import io.tanpopo.store.MessageInfo;
import io.tanpopo.testsupport.RequiresProgram;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tanpopo's {@link UidlStyle#DOVECOT} unique-ids against the real Dovecot POP3 server on the
 * same maildir: byte for byte the same, whichever of the two numbered the messages first.
 */
@RequiresProgram(value = DovecotPop3.POP3, debianPackage = "dovecot-pop3d")
@RequiresProgram(value = "/usr/bin/doveadm", debianPackage = "dovecot-core")
@RequiresProgram(value = "/usr/bin/setpriv", debianPackage = "util-linux")
class DovecotUidlInteropTest {

    /** The formats sites use, and some of Dovecot's modifiers and offsets besides. */
    static final List<String> FORMATS = List.of(
            "%08Xu%08Xv",
            "%u",
            "%v.%u",
            "%f",
            "%g",
            "%Xu",
            "%08Xv%08Xu",
            "%Lf",
            "%Uf",
            "%Mf",
            "%Rf",
            "%Hf",
            "%Nf",
            "%3.-2f",
            "%4.10f",
            "%-30f",
            "%.-3f",
            "%%%u",
            "%{uid}-%{uidvalidity}",
            "%{filename}",
            "%{guid}");

    @TempDir
    Path dir;

    private TestMaildir maildir() {
        TestMaildir md = TestMaildir.create(dir.resolve("mail"), "alice");
        md.deliver(TestMaildir.name(1_700_000_000L, 1), MaildirInteropTest.DOT);
        md.deliver(TestMaildir.name(1_700_000_001L, 2), MaildirInteropTest.LF);
        md.putCur("1700000002.M3P7.host,S=40,W=42:2,S", "From: x@example.org\n\nsized name\n");
        return md;
    }

    private static List<String> tanpopo(TestMaildir md, String format) {
        MaildirStore store = new MaildirStore(
                MaildirConfig.of(md.template()).withUidl(UidlStyle.DOVECOT).withUidlFormat(format));
        try (Maildrop maildrop = open(store, "alice")) {
            return maildrop.messages().stream().map(MessageInfo::uid).toList();
        }
    }

    @Test
    void everyFormat_isRenderedAsDovecotRendersIt_forMessagesDovecotNumbered() throws Exception {
        TestMaildir md = maildir();
        DovecotPop3 dovecot = new DovecotPop3(dir, md.root);
        for (String format : FORMATS) {
            // Dovecot 2.3 refuses the long forms in pop3_uidl_format; they mean the short ones
            String dovecotFormat = format.replace("%{uid}", "%u")
                    .replace("%{uidvalidity}", "%v")
                    .replace("%{filename}", "%f")
                    .replace("%{guid}", "%g");
            List<String> served = dovecot.uidls(dovecotFormat);
            assertThat(served).as("Dovecot with %s", dovecotFormat).hasSize(3);
            assertThat(tanpopo(md, format)).as("tanpopo with %s", format).containsExactlyElementsOf(served);
        }
        assertThat(dovecot.uidls("%08Xu%08Xv")).allMatch(uidl -> uidl.matches("[0-9a-f]{16}"));
    }

    @Test
    void newMessages_numberedByTanpopo_areServedByDovecotWithTheSameUidls() throws Exception {
        TestMaildir md = maildir();
        DovecotPop3 dovecot = new DovecotPop3(dir, md.root);
        List<String> before = dovecot.uidls(UidlFormat.DEFAULT);
        md.deliver(TestMaildir.name(1_700_000_010L, 4), "From: d@example.org\n\nfour\n");
        md.deliver(TestMaildir.name(1_700_000_009L, 5), "From: e@example.org\n\nfive, delivered first\n");

        List<String> ours = tanpopo(md, UidlFormat.DEFAULT);
        assertThat(ours).hasSize(5).startsWith(before.toArray(String[]::new));
        assertThat(Files.readString(md.root.resolve(DovecotUidList.NAME)))
                .contains("\n4 :" + TestMaildir.name(1_700_000_009L, 5) + "\n")
                .contains("\n5 :" + TestMaildir.name(1_700_000_010L, 4) + "\n")
                .startsWith("3 V")
                .contains(" N6 ");
        assertThat(md.root.resolve(UidListLock.NAME)).doesNotExist();

        assertThat(dovecot.uidls(UidlFormat.DEFAULT)).containsExactlyElementsOf(ours);
        ExternalTools tools = new ExternalTools(Files.createDirectory(dir.resolve("doveadm")), md.root);
        assertThat(tools.doveadm("-f", "tab", "fetch", "uid", "all")
                        .strip()
                        .lines()
                        .skip(1))
                .containsExactly("1", "2", "3", "4", "5");
        assertThat(dovecot.log()).doesNotContainIgnoringCase("corrupt").doesNotContain("Error", "Warning");
    }

    @Test
    void withoutAUidlist_tanpopoCreatesOne_andDovecotKeepsItsUidls() throws Exception {
        TestMaildir md = maildir();
        List<String> ours = tanpopo(md, UidlFormat.DEFAULT);
        assertThat(ours).hasSize(3).allMatch(uidl -> uidl.matches("0000000[123][0-9a-f]{8}"));
        assertThat(tanpopo(md, UidlFormat.DEFAULT)).as("stable").isEqualTo(ours);

        DovecotPop3 dovecot = new DovecotPop3(dir, md.root);
        assertThat(dovecot.uidls(UidlFormat.DEFAULT)).containsExactlyElementsOf(ours);
        assertThat(dovecot.log()).doesNotContainIgnoringCase("corrupt").doesNotContain("Error", "Warning");
    }
}
