package io.tanpopo.pop3.hardening;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Whole sessions from fuzzed bytes against the in-memory store: no exception escapes the
 * dispatcher, no command throws, every status line is one line of at most 512 octets, every
 * multi-line reply ends with CRLF.CRLF, and the maildrop is unchanged unless a QUIT in TRANSACTION
 * committed. Regression inputs: {@code src/test/resources/io/tanpopo/pop3/hardening/SessionFuzzTestInputs/}.
 * Fuzz with {@code JAZZER_FUZZ=1} (README, "What is tested").
 */
class SessionFuzzTest {

    /** Raw bytes, optionally after a valid login so the fuzzer starts in TRANSACTION half the time. */
    @FuzzTest(maxDuration = "15s")
    void session(FuzzedDataProvider data) {
        FuzzedSession session = new FuzzedSession();
        if (data.consumeBoolean()) {
            session.feed("USER alice\r\nPASS secret\r\n");
        }
        session.feed(data.consumeRemainingAsBytes());
        session.disconnectAndVerify();
    }
}
