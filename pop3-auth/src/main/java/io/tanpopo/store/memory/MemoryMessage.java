package io.tanpopo.store.memory;

import io.tanpopo.store.CrlfSize;
import io.tanpopo.store.MessageInfo;

/** A message held in memory: its bytes as stored and its wire size and UID, computed once. */
record MemoryMessage(byte[] content, MessageInfo info) {

    static MemoryMessage of(String uid, byte[] content) {
        byte[] copy = content.clone();
        return new MemoryMessage(copy, new MessageInfo(CrlfSize.of(copy), uid));
    }
}
