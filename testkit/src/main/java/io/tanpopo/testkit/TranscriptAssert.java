package io.tanpopo.testkit;

import java.util.Locale;

/**
 * Assertions on one {@link Transcript}, chained, each failing with an {@link AssertionError} that
 * shows the whole dialogue. No assertion library needed.
 *
 * <pre>{@code
 * kit.transcripts().forUser("alice").last().assertThat()
 *         .retrieved(2).deleted(2).endedWithQuit();
 * }</pre>
 */
public final class TranscriptAssert {

    private final Transcript transcript;

    TranscriptAssert(Transcript transcript) {
        this.transcript = transcript;
    }

    /** The client sent {@code keyword} at least once. */
    public TranscriptAssert issued(String keyword) {
        return check(
                transcript.commands().contains(keyword.toUpperCase(Locale.ROOT)), "the client to issue " + keyword);
    }

    /** The client never sent {@code keyword}. */
    public TranscriptAssert neverIssued(String keyword) {
        return check(
                !transcript.commands().contains(keyword.toUpperCase(Locale.ROOT)),
                "the client never to issue " + keyword);
    }

    /** The client sent {@code keyword} after {@code earlier} succeeded, e.g. CAPA again after STLS (RFC 2595 §4). */
    public TranscriptAssert issuedAfter(String keyword, String earlier) {
        return check(transcript.issuedAfter(keyword, earlier), "the client to issue " + keyword + " after " + earlier);
    }

    /** {@code user} logged in. */
    public TranscriptAssert loggedInAs(String user) {
        return check(transcript.user().filter(user::equals).isPresent(), user + " to log in");
    }

    /** Message {@code number} was sent by RETR. */
    public TranscriptAssert retrieved(int number) {
        return check(transcript.retrieved().contains(number), "message " + number + " to be retrieved");
    }

    /** Message {@code number} was marked deleted (and not unmarked by RSET). */
    public TranscriptAssert deleted(int number) {
        return check(transcript.deleted().contains(number), "message " + number + " to be deleted");
    }

    /** No message was marked deleted. */
    public TranscriptAssert deletedNothing() {
        return check(transcript.deleted().isEmpty(), "no message to be deleted");
    }

    /** The session ended with a QUIT the server answered; in TRANSACTION that committed the deletions. */
    public TranscriptAssert endedWithQuit() {
        return check(transcript.endedWithQuit(), "the session to end with QUIT");
    }

    /** The session ended without QUIT (dropped, timed out, or closed by the server). */
    public TranscriptAssert endedWithoutQuit() {
        return check(
                transcript.ended().isPresent() && !transcript.endedWithQuit(),
                "the session to have ended without QUIT (await closed(...) first if the client just left)");
    }

    /** TLS was in use at some point. */
    public TranscriptAssert usedTls() {
        return check(transcript.tls(), "TLS to be started");
    }

    /** A reply status line contained {@code text}. */
    public TranscriptAssert replied(String text) {
        return check(
                transcript.exchanges().stream().anyMatch(e -> e.reply().contains(text)),
                "a reply containing '" + text + "'");
    }

    private TranscriptAssert check(boolean condition, String expected) {
        if (!condition) {
            throw new AssertionError("Expected " + expected + ", but the session was:\n" + transcript);
        }
        return this;
    }
}
