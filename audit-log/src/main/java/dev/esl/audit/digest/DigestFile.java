package dev.esl.audit.digest;

import dev.esl.audit.sink.AuditEventMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The digests, one JSON line each, oldest first; appended and synced, never rewritten. */
public final class DigestFile {
    private final Path file;

    public DigestFile(Path file) {
        this.file = file;
    }

    public List<String> lines() throws IOException {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }

    /** The last digest, if the file has one. */
    public Optional<Digest> last() throws IOException {
        List<String> lines = lines();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) {
                return Optional.of(Digest.parse(lines.get(i)));
            }
        }
        return Optional.empty();
    }

    /**
     * Signs the heads as the next digest and appends it; nothing when they are those of the last digest (an idle
     * log makes no digests).
     *
     * @return the digest appended, or empty
     */
    public Optional<Digest> append(List<AuditEventMapper.StreamHead> heads, Instant at, DigestKeys keys)
            throws IOException {
        Optional<Digest> last = last();
        List<Digest.Head> now = heads.stream().map(h -> new Digest.Head(h.stream(), h.seq(), h.hash())).toList();
        if (last.isPresent() && last.get().heads().equals(now)) {
            return Optional.empty();
        }
        Digest unsigned = new Digest(Digest.SCHEMA, at, now, last.map(Digest::hash).orElse(Digest.FIRST),
                DigestKeys.keyId(keys.publicKey()), "");
        Digest signed = new Digest(unsigned.schema(), at, now, unsigned.previous(), unsigned.keyId(),
                keys.sign(unsigned.signedText()));
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            out.write(ByteBuffer.wrap((signed.line() + "\n").getBytes(StandardCharsets.UTF_8)));
            out.force(true);
        }
        return Optional.of(signed);
    }
}
