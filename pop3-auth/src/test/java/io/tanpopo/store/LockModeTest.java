package io.tanpopo.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.store.maildir.MaildirConfig;
import io.tanpopo.store.memory.MemoryStore;
import org.junit.jupiter.api.Test;

/** The values of {@code store.maildir.lock}: three modes, and the booleans it took before. */
class LockModeTest {

    @Test
    void parse_modesInAnyCase_andTheOldBooleansAsExclusiveAndOff() {
        assertThat(LockMode.parse("takeover")).contains(LockMode.TAKEOVER);
        assertThat(LockMode.parse(" Exclusive ")).contains(LockMode.EXCLUSIVE);
        assertThat(LockMode.parse("OFF")).contains(LockMode.OFF);
        assertThat(LockMode.parse("true")).contains(LockMode.EXCLUSIVE);
        assertThat(LockMode.parse("yes")).contains(LockMode.EXCLUSIVE);
        assertThat(LockMode.parse("on")).contains(LockMode.EXCLUSIVE);
        assertThat(LockMode.parse("false")).contains(LockMode.OFF);
        assertThat(LockMode.parse("no")).contains(LockMode.OFF);
        assertThat(LockMode.parse("take-over")).isEmpty();
        assertThat(LockMode.parse("")).isEmpty();
    }

    @Test
    void storesSayTheirMode_andOnlyOffDoesNotLock() {
        assertThat(MaildirConfig.of("/x/{user}").lockMode()).isEqualTo(LockMode.TAKEOVER);
        assertThat(MaildirConfig.of("/x/{user}").lock()).isTrue();
        assertThat(MaildirConfig.of("/x/{user}").withLock(false).lockMode()).isEqualTo(LockMode.OFF);
        assertThat(MaildirConfig.of("/x/{user}").withLock(true).lockMode()).isEqualTo(LockMode.EXCLUSIVE);
        assertThat(MaildirConfig.of("/x/{user}").withLock(LockMode.OFF).lock()).isFalse();
        assertThat(new MemoryStore(true).lockMode()).isEqualTo(LockMode.EXCLUSIVE);
        assertThat(new MemoryStore(LockMode.TAKEOVER).lockMode()).isEqualTo(LockMode.TAKEOVER);
        assertThat(
                        new MailStore() {
                            @Override
                            public OpenResult open(io.tanpopo.auth.Account account) {
                                return new OpenResult.InUse();
                            }
                        }.lockMode())
                .isEqualTo(LockMode.EXCLUSIVE);
    }
}
