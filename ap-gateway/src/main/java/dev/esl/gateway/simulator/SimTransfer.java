package dev.esl.gateway.simulator;

import dev.esl.gateway.dongle.HostCommand;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

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

    /** First 16 bytes of the SHA-256 of the unpacked image, or null if it does not unpack. */
    String unpackedHash() {
        byte[] raw = image;
        if (begin.compression() == HostCommand.Compression.ZLIB) {
            Inflater inflater = new Inflater();
            inflater.setInput(image);
            ByteArrayOutputStream out = new ByteArrayOutputStream(image.length * 4);
            byte[] buffer = new byte[8192];
            try {
                while (!inflater.finished()) {
                    int n = inflater.inflate(buffer);
                    if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        return null;
                    }
                    out.write(buffer, 0, n);
                }
            } catch (DataFormatException e) {
                return null;
            } finally {
                inflater.end();
            }
            raw = out.toByteArray();
        }
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(raw);
            return HexFormat.of().formatHex(sha, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
