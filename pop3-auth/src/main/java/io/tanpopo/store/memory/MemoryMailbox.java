package io.tanpopo.store.memory;

import io.tanpopo.store.MessageInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One user's messages in memory, in the order they were added. Thread-safe: tests add messages
 * while sessions run; a session sees only what was there when it logged in.
 */
public final class MemoryMailbox {

    private final String uidPrefix;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicBoolean locked = new AtomicBoolean();
    private final List<MemoryMessage> messages = new ArrayList<>();

    MemoryMailbox(String uidPrefix) {
        this.uidPrefix = uidPrefix;
    }

    /** Adds a message given as text (sent as UTF-8) and returns its UID. */
    public String add(String message) {
        return add(message.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds a message given as bytes, exactly as stored, and returns its UID. */
    public String add(byte[] message) {
        return add(uidPrefix + Long.toHexString(sequence.incrementAndGet()), message);
    }

    /** Adds a message with a chosen UID (1 to 70 characters in 0x21-0x7E, unique here). */
    public synchronized String add(String uid, byte[] message) {
        for (MemoryMessage existing : messages) {
            if (existing.info().uid().equals(uid)) {
                throw new IllegalArgumentException("UID already in this mailbox: " + uid);
            }
        }
        messages.add(MemoryMessage.of(uid, message));
        return uid;
    }

    /** The messages now in the mailbox, in order. */
    public synchronized List<MessageInfo> messages() {
        return messages.stream().map(MemoryMessage::info).toList();
    }

    /** The content of the message with {@code uid}, as stored. */
    public synchronized byte[] content(String uid) {
        for (MemoryMessage message : messages) {
            if (message.info().uid().equals(uid)) {
                return message.content().clone();
            }
        }
        throw new IllegalArgumentException("no message with UID " + uid);
    }

    public synchronized int size() {
        return messages.size();
    }

    /** Removes every message. */
    public synchronized void clear() {
        messages.clear();
    }

    synchronized List<MemoryMessage> snapshot() {
        return List.copyOf(messages);
    }

    /** Removes these messages; returns how many were still here (another session may have removed some). */
    @SuppressWarnings("ReferenceEquality") // identity is meant, see below
    synchronized int removeAll(List<MemoryMessage> removed) {
        // Identity, not equality: a message added again with the same bytes stays.
        int before = messages.size();
        messages.removeIf(m -> removed.stream().anyMatch(r -> r == m));
        return before - messages.size();
    }

    boolean tryLock() {
        return locked.compareAndSet(false, true);
    }

    void unlock() {
        locked.set(false);
    }

    /** Whether a session holds this mailbox now. */
    public boolean isLocked() {
        return locked.get();
    }
}
