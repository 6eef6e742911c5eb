package dev.esl.gateway.simulator;

import dev.esl.gateway.dongle.HostCommand;
import java.util.BitSet;

/** The dongle's side of one image transfer: the blocks the tag holds. */
final class SimTransfer {
    final HostCommand.ImageBegin begin;
    final SimulatedTag tag;
    private final byte[] image;
    private final BitSet received = new BitSet();
    private int contiguous;

    SimTransfer(HostCommand.ImageBegin begin, SimulatedTag tag) {
        this.begin = begin;
        this.tag = tag;
        this.image = new byte[begin.totalBytes()];
    }

    /** Stores a block the tag received; false if it does not fit the image. */
    boolean store(HostCommand.ImageBlock block) {
        int offset = block.index() * begin.blockSize();
        boolean last = block.index() == begin.blocks() - 1;
        int expected = last ? begin.totalBytes() - offset : begin.blockSize();
        if (block.index() >= begin.blocks() || block.data().length != expected) {
            return false;
        }
        System.arraycopy(block.data(), 0, image, offset, expected);
        received.set(block.index());
        while (received.get(contiguous)) {
            contiguous++;
        }
        return true;
    }

    /** Every block before this one is in. */
    int contiguous() {
        return contiguous;
    }

    boolean complete() {
        return contiguous == begin.blocks();
    }

    byte[] image() {
        return image;
    }
}
