package dev.esl.audit.digest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The Ed25519 key pair that signs digests, as two PEM files: {@code audit-digest.key} (private, readable by its
 * owner only) where digests are made, {@code audit-digest.pub} given to auditors, who verify with it alone.
 */
public record DigestKeys(PrivateKey privateKey, PublicKey publicKey) {
    public static final String PRIVATE_FILE = "audit-digest.key";
    public static final String PUBLIC_FILE = "audit-digest.pub";
    private static final String ALGORITHM = "Ed25519";

    public static DigestKeys generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            return new DigestKeys(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Java 17 has Ed25519", e);
        }
    }

    /** The pair in {@code dir}, made and written there first when the directory has none. */
    public static DigestKeys inDirectory(Path dir) throws IOException {
        if (Files.exists(dir.resolve(PRIVATE_FILE))) {
            return new DigestKeys(readPrivate(dir.resolve(PRIVATE_FILE)), readPublic(dir.resolve(PUBLIC_FILE)));
        }
        DigestKeys keys = generate();
        keys.write(dir);
        return keys;
    }

    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path secret = dir.resolve(PRIVATE_FILE);
        Files.writeString(secret, pem("PRIVATE KEY", privateKey.getEncoded()));
        try {
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its own permissions apply
        }
        Files.writeString(dir.resolve(PUBLIC_FILE), pem("PUBLIC KEY", publicKey.getEncoded()));
    }

    public static PublicKey readPublic(Path file) throws IOException {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der(file)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(file + " is not an Ed25519 public key in PEM: " + e.getMessage(), e);
        }
    }

    static PrivateKey readPrivate(Path file) throws IOException {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der(file)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(file + " is not an Ed25519 private key in PEM: " + e.getMessage(), e);
        }
    }

    /** Names the public key in each digest, so a verifier can say which key signed it. */
    public static String keyId(PublicKey key) {
        return Digest.sha256(Base64.getEncoder().encodeToString(key.getEncoded())).substring(0, 16);
    }

    public String sign(String text) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(privateKey);
            s.update(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing a digest failed", e);
        }
    }

    public static boolean verifies(PublicKey key, String text, String signature) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(key);
            s.update(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return s.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(Path file) throws IOException {
        String body = Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
