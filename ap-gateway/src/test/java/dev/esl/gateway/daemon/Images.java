package dev.esl.gateway.daemon;

import dev.esl.gateway.contract.ImageContent;
import dev.esl.gateway.simulator.Panel;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.zip.Deflater;

/** Packed tag images as the tag manager makes them: colour planes, zlib, hashed. */
final class Images {
    private Images() {
    }

    static ImageContent forPanel(Panel panel, long seed) {
        int planes = panel.colors == dev.esl.gateway.dongle.DongleMessage.Colors.BWR ? 2 : 1;
        byte[] raw = new byte[(panel.width + 7) / 8 * panel.height * planes];
        Random random = new Random(seed);
        // Mostly white with some text-like noise: compresses like a real price label.
        for (int i = 0; i < raw.length / 6; i++) {
            raw[random.nextInt(raw.length)] = (byte) random.nextInt(256);
        }
        Deflater deflater = new Deflater();
        deflater.setInput(raw);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        try {
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw), 0, 16);
            return new ImageContent(hash, panel.width, panel.height, planes == 2 ? "bwr" : "bw", "planes", "zlib",
                    out.toByteArray());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
