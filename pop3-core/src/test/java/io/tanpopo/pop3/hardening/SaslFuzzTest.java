package io.tanpopo.pop3.hardening;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Each SASL mechanism's exchange (RFC 5034) with fuzzed initial and later responses: decoding of
 * base64 and of each mechanism's messages never throws, never logs anyone in without the right
 * credentials, and leaves the maildrop as it was unless QUIT committed.
 */
class SaslFuzzTest {

    private static final String[] MECHANISMS = {"PLAIN", "LOGIN", "CRAM-MD5", "SCRAM-SHA-256", "XUNKNOWN"};

    @FuzzTest(maxDuration = "15s")
    void exchange(FuzzedDataProvider data) {
        FuzzedSession session = new FuzzedSession();
        String mechanism = data.pickValue(MECHANISMS);
        String initial = data.consumeBoolean() ? " " + data.consumeString(600) : "";
        session.feed("AUTH " + mechanism + initial.replace('\n', ' ') + "\r\n");
        while (data.remainingBytes() > 0) {
            session.feed(data.consumeString(2000).replace('\n', ' ') + "\r\n");
        }
        session.disconnectAndVerify();
    }
}
