package io.tanpopo.store.maildir;

import static io.tanpopo.store.maildir.MaildirStoreTest.open;
import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.store.Maildrop;
import io.tanpopo.store.MessageInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaildirUidlTest {

    @TempDir
    Path dir;

    @Test
    void filenameStyle_usesBaseName_andHashesLongOrOddNames() {
        TestMaildir md = TestMaildir.create(dir, "alice");
        String plain = TestMaildir.name(1, 1);
        String longName = "2." + "x".repeat(80);
        String spaced = "3.with space";
        String utf8 = "4.caf\u00e9";
        md.deliver(plain, "a\n");
        md.putCur(longName + ":2,S", "b\n");
        md.deliver(spaced, "c\n");
        md.deliver(utf8, "d\n");

        try (Maildrop maildrop = open(new MaildirStore(MaildirConfig.of(md.template())), "alice")) {
            assertThat(maildrop.messages())
                    .extracting(MessageInfo::uid)
                    .containsExactly(plain, FilenameUidl.of(longName), FilenameUidl.of(spaced), FilenameUidl.of(utf8));
        }
        assertThat(FilenameUidl.of(longName))
                .hasSize(43)
                .matches("[A-Za-z0-9_-]+")
                .isNotEqualTo(FilenameUidl.of(spaced));
        assertThat(FilenameUidl.of(longName)).isEqualTo(FilenameUidl.of(longName));
    }

    @Test
    void dovecotStyle_givesUidThenUidValidityAsHex_fromAHandWrittenUidlist() throws Exception {
        TestMaildir md = TestMaildir.create(dir, "alice");
        md.putCur("1275660208.M1P1.host,S=3,W=4:2,S", "a\n");
        md.deliver("1275660209.M2P1.host,S=3,W=4", "b\n");
        md.deliver("1275660210.M3P1.host", "c\n");
        md.deliver("1275660211.M4P1.host", "d\n");
        md.deliver("1275660212.M5P1.host", "not in the uidlist\n");
        Files.writeString(
                md.root.resolve("dovecot-uidlist"),
                String.join(
                        "\n",
                        "3 V1275660208 N25022 G3085f01b7f11094c501100008c4a11c1",
                        "7 :1275660208.M1P1.host,S=3,W=4",
                        "this is garbage",
                        "99999999999 :overflow.host",
                        "25021 W4 S3 G0123456789abcdef :1275660209.M2P1.host,S=3,W=4:2,",
                        "30 :1275660210.M3P1.host",
                        "31 POLDUIDL-1 :1275660211.M4P1.host",
                        ""));

        MaildirConfig config = MaildirConfig.of(md.template()).withUidl(UidlStyle.DOVECOT);
        try (Maildrop maildrop = open(new MaildirStore(config), "alice")) {
            assertThat(maildrop.messages())
                    .extracting(MessageInfo::uid)
                    .containsExactly(
                            // Dovecot's POP3 order is UID order; unknown messages come last
                            // and the message Dovecot had not seen gets the next UID, as Dovecot would give it
                            "000000074c0907b0",
                            "0000001e4c0907b0",
                            "OLDUIDL-1",
                            "000061bd4c0907b0",
                            "000061be4c0907b0");
        }
        assertThat(Files.readString(md.root.resolve("dovecot-uidlist")))
                .startsWith("3 V1275660208 N25023 G3085f01b7f11094c501100008c4a11c1\n7 :")
                .contains("\nthis is garbage\n")
                .endsWith("\n31 POLDUIDL-1 :1275660211.M4P1.host\n25022 :1275660212.M5P1.host\n");
    }

    @Test
    void dovecotStyle_withBadHeader_fallsBackToFileNames_andLeavesTheFileAlone() throws Exception {
        TestMaildir md = TestMaildir.create(dir, "alice");
        md.deliver(TestMaildir.name(1, 1), "a\n");
        MaildirStore store = new MaildirStore(MaildirConfig.of(md.template()).withUidl(UidlStyle.DOVECOT));
        String bad = "9 nonsense\n1 :" + TestMaildir.name(1, 1) + "\n";
        Files.writeString(md.root.resolve("dovecot-uidlist"), bad);
        try (Maildrop maildrop = open(store, "alice")) {
            assertThat(maildrop.messages().get(0).uid()).isEqualTo(TestMaildir.name(1, 1));
        }
        assertThat(Files.readString(md.root.resolve("dovecot-uidlist"))).isEqualTo(bad);
    }

    @Test
    void dovecotStyle_withoutUidlist_createsOneAsDovecotWould() throws Exception {
        TestMaildir md = TestMaildir.create(dir, "alice");
        md.deliver(TestMaildir.name(2, 1), "b\n");
        md.deliver(TestMaildir.name(1, 2), "a\n");
        MaildirStore store = new MaildirStore(MaildirConfig.of(md.template()).withUidl(UidlStyle.DOVECOT));
        List<String> first;
        try (Maildrop maildrop = open(store, "alice")) {
            first = maildrop.messages().stream().map(MessageInfo::uid).toList();
        }
        String list = Files.readString(md.root.resolve("dovecot-uidlist"));
        assertThat(list)
                .matches("3 V[0-9]+ N3 G[0-9a-f]{32}\n1 :" + Pattern.quote(TestMaildir.name(1, 2)) + "\n2 :"
                        + Pattern.quote(TestMaildir.name(2, 1)) + "\n");
        String validity = String.format("%08x", Long.parseLong(list.substring(3, list.indexOf(' ', 3))));
        assertThat(first).containsExactly("00000001" + validity, "00000002" + validity);
    }
}
