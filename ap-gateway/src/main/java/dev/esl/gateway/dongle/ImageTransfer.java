package dev.esl.gateway.dongle;

import java.util.Arrays;

/** The host's side of one image transfer: which blocks went out, which the tag holds. */
final class ImageTransfer {
    final HostCommand.ImageBegin begin;
    private final byte[] data;
    private int nextToSend;
    private int acknowledged;

    ImageTransfer(HostCommand.ImageBegin begin, byte[] data) {
        this.begin = begin;
        this.data = data;
    }

    int blocks() {
        return begin.blocks();
    }

    /** The next new block, if the window allows one; -1 otherwise. */
    int nextBlock(int window) {
        if (nextToSend < blocks() && nextToSend - acknowledged < window) {
            return nextToSend++;
        }
        return -1;
    }

    /** Blocks sent that the tag has not acknowledged yet. */
    int inFlight() {
        return nextToSend - acknowledged;
    }

    void acknowledge(int next) {
        acknowledged = Math.max(acknowledged, Math.min(next, blocks()));
        nextToSend = Math.max(nextToSend, acknowledged);
    }

    boolean valid(int index) {
        return index >= 0 && index < blocks();
    }

    HostCommand.ImageBlock block(int index) {
        int from = index * begin.blockSize();
        int to = Math.min(data.length, from + begin.blockSize());
        return new HostCommand.ImageBlock(begin.ref(), index, Arrays.copyOfRange(data, from, to));
    }
}
