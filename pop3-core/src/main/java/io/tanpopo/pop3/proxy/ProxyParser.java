package io.tanpopo.pop3.proxy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads one PROXY protocol header, v1 (text) or v2 (binary), from bytes that may arrive in pieces
 * (HAProxy's proxy-protocol.txt). Bounded: a v1 line is at most 107 octets (§2.1), a v2 header at
 * most 16 octets plus {@link #MAX_V2_LENGTH}. Consumes exactly the header from each buffer fed, so
 * bytes after it (a pipelined POP3 command) stay for the line decoder. Not thread-safe: one per
 * connection. Everything here is untrusted input.
 */
public final class ProxyParser {

    /** The v2 signature (§2.2): 12 octets that cannot start a v1 header or a POP3 command. */
    static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    /** v1 (§2.1): "the maximum line lengths the receiver must support including the CRLF are 107". */
    static final int MAX_V1 = 107;
    /** Cap on the v2 address-and-TLV length; HAProxy's own TLVs fit easily. */
    public static final int MAX_V2_LENGTH = 1024;

    /** Where parsing stands. */
    public sealed interface Result {
        /** More bytes are needed. */
        record NeedMore() implements Result {}

        /** The header is complete. */
        record Done(ProxyHeader header) implements Result {}

        /** The bytes are not a valid header; close the connection. */
        record Invalid(String reason) implements Result {}
    }

    private static final Result NEED_MORE = new Result.NeedMore();

    private final byte[] buffer = new byte[16 + MAX_V2_LENGTH];
    private int length;
    private Result result = NEED_MORE;

    /** Consumes bytes of the header from {@code in}; after Done or Invalid it consumes nothing. */
    public Result feed(ByteBuffer in) {
        while (result instanceof Result.NeedMore && in.hasRemaining()) {
            buffer[length++] = in.get();
            result = step();
        }
        return result;
    }

    /** Whether {@code start} (the first bytes of a connection) looks like a PROXY header of either version. */
    public static boolean looksLikeHeader(ByteBuffer start) {
        if (!start.hasRemaining()) {
            return false;
        }
        ByteBuffer view = start.duplicate();
        byte[] head = new byte[Math.min(view.remaining(), 6)];
        view.get(head);
        return startsLike(head, head.length, "PROXY ".getBytes(StandardCharsets.US_ASCII))
                || startsLike(head, head.length, V2_SIGNATURE);
    }

    private Result step() {
        boolean v1 = startsLike(buffer, length, "PROXY ".getBytes(StandardCharsets.US_ASCII));
        boolean v2 = startsLike(buffer, length, V2_SIGNATURE);
        if (!v1 && !v2) {
            return new Result.Invalid("not a PROXY protocol header");
        }
        if (v1 && length >= 6) {
            return v1Step();
        }
        if (v2 && length >= 16) {
            return v2Step();
        }
        return NEED_MORE;
    }

    private Result v1Step() {
        if (buffer[length - 1] == '\n') {
            if (length < 2 || buffer[length - 2] != '\r') {
                return new Result.Invalid("PROXY v1 line does not end with CRLF");
            }
            return ProxyV1.parse(new String(buffer, 0, length - 2, StandardCharsets.US_ASCII));
        }
        return length >= MAX_V1 ? new Result.Invalid("PROXY v1 line longer than 107 octets") : NEED_MORE;
    }

    private Result v2Step() {
        int declared = ((buffer[14] & 0xff) << 8) | (buffer[15] & 0xff);
        if (declared > MAX_V2_LENGTH) {
            return new Result.Invalid("PROXY v2 header longer than " + MAX_V2_LENGTH + " octets");
        }
        if (length < 16 + declared) {
            return NEED_MORE;
        }
        return ProxyV2.parse(buffer[12], buffer[13], Arrays.copyOfRange(buffer, 16, 16 + declared));
    }

    /** Whether the first {@code length} octets of {@code data} agree with {@code prefix} as far as both go. */
    private static boolean startsLike(byte[] data, int length, byte[] prefix) {
        int n = Math.min(length, prefix.length);
        for (int i = 0; i < n; i++) {
            if (data[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static Optional<Integer> port(String text) {
        if (!text.matches("[0-9]{1,5}") || (text.length() > 1 && text.startsWith("0"))) {
            return Optional.empty();
        }
        int port = Integer.parseInt(text);
        return port <= 65535 ? Optional.of(port) : Optional.empty();
    }
}
