package dev.esl.audit.digest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.esl.audit.event.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A signed digest: every stream's head (last seq and hash) at one moment, linked to the digest before it by that
 * digest's hash, and signed with Ed25519. Kept outside the database, digests let an auditor prove that no chain was
 * rewritten after a moment, even by someone who recomputed every hash after an edit (which the chains alone cannot
 * show). The idea is CloudTrail's digest files.
 *
 * @param previous the SHA-256 of the previous digest's line; {@link #FIRST} for the first
 * @param keyId    the first 16 hex digits of the SHA-256 of the signing key's public key
 */
public record Digest(int schema, Instant at, List<Head> heads, String previous, String keyId, String signature) {
    public static final int SCHEMA = 1;
    public static final String FIRST = "0".repeat(64);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A stream's head at the digest's moment. */
    public record Head(String stream, long seq, String hash) {
    }

    public Digest {
        heads = List.copyOf(heads);
    }

    /** What the signature covers: the canonical JSON of everything but the signature. */
    public String signedText() {
        return CanonicalJson.write(body());
    }

    /** The digest as one line of its file. */
    public String line() {
        ObjectNode node = body();
        node.put("signature", signature);
        return CanonicalJson.write(node);
    }

    /** The hash the next digest names as its previous one. */
    public String hash() {
        return sha256(line());
    }

    public static Digest parse(String line) {
        try {
            JsonNode n = JSON.readTree(line);
            List<Head> heads = new ArrayList<>();
            for (JsonNode h : n.required("heads")) {
                heads.add(new Head(h.required("stream").asText(), h.required("seq").asLong(),
                        h.required("hash").asText()));
            }
            return new Digest(n.required("schema").asInt(), Instant.parse(n.required("at").asText()), heads,
                    n.required("previous").asText(), n.required("keyId").asText(), n.required("signature").asText());
        } catch (JsonProcessingException | IllegalArgumentException | java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("not a digest: " + e.getMessage(), e);
        }
    }

    private ObjectNode body() {
        ObjectNode node = JSON.createObjectNode();
        node.put("schema", schema);
        node.put("at", at.toString());
        ArrayNode list = node.putArray("heads");
        heads.forEach(h -> list.addObject().put("stream", h.stream()).put("seq", h.seq()).put("hash", h.hash()));
        node.put("previous", previous);
        node.put("keyId", keyId);
        return node;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
