package io.tanpopo.store.maildir;

import static io.tanpopo.store.maildir.MaildirStoreTest.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.tanpopo.store.Maildrop;
import io.tanpopo.store.MessageInfo;
import io.tanpopo.testsupport.RequiresProgram;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link UidlStyle#COURIER}: Courier's pop3d unique-ids from {@code courierpop3dsizelist}, in the
 * list's format as Courier's {@code pop3dserver.c} reads and writes it (no Courier is installed
 * here to run).
 */
class CourierUidlTest {

    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    @TempDir
    Path dir;

    private List<String> uids(TestMaildir md) {
        MaildirStore store = new MaildirStore(
                MaildirConfig.of(md.template()).withUidl(UidlStyle.COURIER),
                new SystemFileOps(),
                Clock.fixed(NOW, ZoneOffset.UTC));
        try (Maildrop maildrop = open(store, "alice")) {
            return maildrop.messages().stream().map(MessageInfo::uid).toList();
        }
    }

    @Test
    void listedMessages_getUidAndUidvalidity_newOnesTheNextUids_andTheListIsWrittenAsCourierDoes() throws Exception {
        TestMaildir md = TestMaildir.create(dir, "alice");
        md.putCur("1700000000.M10P1.host:2,S", "a\n");
        md.putCur("1700000000.M9P1.host:2,", "b\n");
        md.deliver("1700000001.M1P1.host", "c\n");
        md.deliver("1700000002.M1P1.host", "not listed\n");
        Files.writeString(
                md.root.resolve(CourierSizeList.NAME),
                String.join(
                        "\n",
                        "/3 8 1690000000",
                        "1700000000.M10P1.host:2,S 3 4:1690000000:0",
                        "1700000000.M9P1.host:2, 3 5:1690000000:1",
                        "garbage",
                        "1700000001.M1P1.host:2, 3 7:0",
                        "gone.host 9 6:1690000000:0",
                        ""));

        // Courier's order compares the names after the time as bytes: M10 before M9
        assertThat(uids(md)).containsExactly("UID4-1690000000", "UID5-1690000000", "UID7", "UID8-1690000000");
        assertThat(Files.readString(md.root.resolve(CourierSizeList.NAME)))
                .isEqualTo(String.join(
                        "\n",
                        "/3 9 1690000000",
                        "1700000000.M10P1.host:2,S 3 4:1690000000:0",
                        "1700000000.M9P1.host:2, 3 5:1690000000:1",
                        "1700000001.M1P1.host:2, 3 7:0:0",
                        "1700000002.M1P1.host:2, 12 8:1690000000:0",
                        ""));
        assertThat(md.names("tmp")).isEmpty();
    }

    /**
     * As the real Courier 1.0.16 does (see pop3-core's CourierUidlInteropTest): it moves
     * {@code new/X} to {@code cur/X:2,} and does not take a listed {@code X} for it, nor a listed
     * {@code Y:2,} for a {@code cur/Y} without {@code :}; a listed {@code Z:2,} is {@code cur/Z:2,S}.
     * tanpopo lists {@code cur/Y} as {@code Y:2,}, the name its QUIT gives it.
     */
    @Test
    void listedNames_matchAsCourierMatchesThem_upToAndIncludingTheColon() throws Exception {
        TestMaildir md = TestMaildir.create(dir, "alice");
        md.deliver("1700000001.M1P1.host", "a\n");
        md.putCur("1700000002.M1P1.host", "b\n");
        md.putCur("1700000003.M1P1.host:2,S", "c\n");
        Files.writeString(
                md.root.resolve(CourierSizeList.NAME),
                String.join(
                        "\n",
                        "/3 10 5",
                        "1700000001.M1P1.host 2 1:5:0",
                        "1700000002.M1P1.host:2, 2 2:5:0",
                        "1700000003.M1P1.host:2, 2 3:5:0",
                        ""));
        assertThat(uids(md)).containsExactly("UID10-5", "UID11-5", "UID3-5");
        assertThat(Files.readString(md.root.resolve(CourierSizeList.NAME)))
                .isEqualTo(String.join(
                        "\n",
                        "/3 12 5",
                        "1700000001.M1P1.host:2, 3 10:5:0",
                        "1700000002.M1P1.host:2, 3 11:5:0",
                        "1700000003.M1P1.host:2,S 2 3:5:0",
                        ""));
    }

    @Test
    void withoutAList_courierNumbersFromOne_withTheTimeAsUidvalidity_stableAfterwards() throws Exception {
        TestMaildir md = TestMaildir.create(dir, "alice");
        md.deliver("1700000001.M1P1.host", "a\n");
        md.deliver("1700000002.M1P1.host", "b\n");
        String validity = Long.toString(NOW.getEpochSecond());
        assertThat(uids(md)).containsExactly("UID1-" + validity, "UID2-" + validity);
        assertThat(Files.readString(md.root.resolve(CourierSizeList.NAME))).startsWith("/3 3 " + validity + "\n");
        md.deliver("1700000003.M1P1.host", "c\n");
        assertThat(uids(md)).containsExactly("UID1-" + validity, "UID2-" + validity, "UID3-" + validity);
    }

    @Test
    void symlinkedList_isNotFollowed_butReplaced() throws Exception {
        TestMaildir md = TestMaildir.create(dir.resolve("m"), "alice");
        md.deliver("1700000001.M1P1.host", "a\n");
        Path target = Files.writeString(dir.resolve("elsewhere"), "/3 2 5\n1700000001.M1P1.host 3 1:5:0\n");
        Files.createSymbolicLink(md.root.resolve(CourierSizeList.NAME), target);
        assertThat(uids(md)).containsExactly("UID1-" + NOW.getEpochSecond());
        assertThat(Files.isSymbolicLink(md.root.resolve(CourierSizeList.NAME))).isFalse();
        assertThat(Files.readString(target)).isEqualTo("/3 2 5\n1700000001.M1P1.host 3 1:5:0\n");
    }

    @Test
    @RequiresProgram(value = "mkfifo", debianPackage = "coreutils")
    void fifoAsList_neitherHangsNorIsRead_butIsReplaced() throws Exception {
        TestMaildir md = TestMaildir.create(dir, "alice");
        md.deliver("1700000001.M1P1.host", "a\n");
        mkfifo(md.root.resolve(CourierSizeList.NAME));
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(20), () -> uids(md)))
                .containsExactly("UID1-" + NOW.getEpochSecond());
        assertThat(md.root.resolve(CourierSizeList.NAME)).isRegularFile();
    }

    @Test
    @RequiresProgram(value = "mkfifo", debianPackage = "coreutils")
    void fifoAsTmp_theListIsNotWrittenThere_andNewMessagesAreLeftOut_withoutHanging() throws Exception {
        TestMaildir md = TestMaildir.create(dir, "alice");
        md.deliver("1700000001.M1P1.host", "a\n");
        Files.delete(md.root.resolve("tmp"));
        mkfifo(md.root.resolve("tmp"));
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(20), () -> uids(md)))
                .isEmpty();
        assertThat(md.root.resolve(CourierSizeList.NAME)).doesNotExist();
    }

    @Test
    void symlinkAsTmp_isNotFollowed() throws Exception {
        TestMaildir md = TestMaildir.create(dir.resolve("m"), "alice");
        md.deliver("1700000001.M1P1.host", "a\n");
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Files.delete(md.root.resolve("tmp"));
        Files.createSymbolicLink(md.root.resolve("tmp"), elsewhere);
        assertThat(uids(md)).isEmpty();
        try (var files = Files.list(elsewhere)) {
            assertThat(files).isEmpty();
        }
        assertThat(md.root.resolve(CourierSizeList.NAME)).doesNotExist();
    }

    private static void mkfifo(Path path) throws Exception {
        assertThat(new ProcessBuilder("mkfifo", path.toString()).start().waitFor())
                .isZero();
    }

    @Test
    void versionZeroUidl_encodesOddOctets() {
        assertThat(CourierSizeList.versionZero("12.a+b'c\"d e:2,S")).isEqualTo("12.a+2Bb+27c+22d+20e");
    }
}
