package com.careplace.decision.base;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
 * The installation's Ed25519 signing key, read from a file outside the database: whoever can only
 * write the database cannot make a signature the nodes accept. A node given only the public key
 * verifies and never signs. Where no key file exists and none may be created (operator commands), the
 * key is absent: signing and verifying then fail with what to set.
 */
public final class SigningKey {

    private static final Logger log = LoggerFactory.getLogger(SigningKey.class);
    private static final String PRIVATE = "PRIVATE KEY";
    private static final String PUBLIC = "PUBLIC KEY";

    private final PublicKey publicKey;
    private final PrivateKey privateKey;
    private final String source;

    private SigningKey(PublicKey publicKey, PrivateKey privateKey, String source) {
        this.publicKey = publicKey;
        this.privateKey = privateKey;
        this.source = source;
    }

    /**
     * The key the settings name: the public key file alone when set (verify only), else the private key
     * file, created (mode 600, its directory 700) with its public half beside it when absent and
     * {@code createWhenAbsent}.
     *
     * @throws IllegalStateException naming the file when it cannot be read or is not an Ed25519 key
     */
    public static SigningKey load(SigningProperties settings, boolean createWhenAbsent) {
        if (settings.publicKeyFile() != null) {
            return new SigningKey(publicKey(read(settings.publicKeyFile(), PUBLIC)), null, settings.publicKeyFile().toString());
        }
        Path file = settings.keyFile();
        if (!Files.exists(file)) {
            if (!createWhenAbsent) {
                // Operator commands that do not sign (list, keys) still work; signing or verifying says what is missing.
                return new SigningKey(null, null, file.toAbsolutePath().toString());
            }
            create(file);
        }
        try {
            // The file holds both halves (the JDK cannot derive an Ed25519 public key from the private one).
            PrivateKey privateKey = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(read(file, PRIVATE)));
            SigningKey key = new SigningKey(publicKey(read(file, PUBLIC)), privateKey, file.toString());
            if (!key.verify("careplace-key-check", key.sign("careplace-key-check"))) {
                throw new IllegalStateException("The public key in " + file + " is not the half of its private key");
            }
            return key;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(file + " is not an Ed25519 private key in PKCS#8 PEM: " + e.getMessage(), e);
        }
    }

    private void requirePresent() {
        if (publicKey == null) {
            throw new IllegalStateException("No signing key at " + source + ": set careplace.signing.key-file to the "
                    + "installation's key (see README, Signed releases)");
        }
    }

    /** Whether this node can sign (it holds the private key), not only verify. */
    public boolean canSign() {
        return privateKey != null;
    }

    /**
     * Signs {@code text} (UTF-8), Base64.
     *
     * @throws IllegalStateException on a verify-only node
     */
    public String sign(String text) {
        requirePresent();
        if (privateKey == null) {
            throw new IllegalStateException("This node holds only the public signing key (" + source
                    + "); signing needs the installation's private key: set careplace.signing.key-file");
        }
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(privateKey);
            signer.update(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JDK signs with Ed25519", e);
        }
    }

    /** Whether {@code signature} (Base64) is this key's signature of {@code text}; false for anything malformed. */
    public boolean verify(String text, String signature) {
        requirePresent();
        if (signature == null || signature.isBlank()) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(publicKey);
            verifier.update(text.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The public key as PEM, for auditors and verify-only nodes. */
    public String publicKeyPem() {
        requirePresent();
        return pem(PUBLIC, publicKey.getEncoded());
    }

    /** Where the public half of a private key file is kept. */
    public static Path publicFileOf(Path keyFile) {
        return keyFile.resolveSibling(keyFile.getFileName() + ".pub");
    }

    private static void create(Path file) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            restrict(dir, "rwx------");
            Path partial = file.resolveSibling(file.getFileName() + ".new-" + java.util.UUID.randomUUID());
            Files.writeString(partial, "");
            restrict(partial, "rw-------"); // before the key is in it
            Files.writeString(partial, pem(PRIVATE, pair.getPrivate().getEncoded()) + pem(PUBLIC, pair.getPublic().getEncoded()));
            try {
                Files.move(partial, file); // fails if another process created it meanwhile: we then read theirs
            } finally {
                Files.deleteIfExists(partial);
            }
            Files.writeString(publicFileOf(file), pem(PUBLIC, pair.getPublic().getEncoded()));
            log.warn("Careplace created the installation's signing key at {} (public half {}). It signs releases, "
                    + "deployments and audit checkpoints: keep a backup, and give every decision node a copy "
                    + "(or only the public half, as careplace.signing.public-key-file). See README, Signed releases.",
                    file.toAbsolutePath(), publicFileOf(file).toAbsolutePath());
        } catch (java.nio.file.FileAlreadyExistsException e) {
            log.info("Signing key {} was created by another process; using it", file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the signing key " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JDK has Ed25519", e);
        }
    }

    private static void restrict(Path path, String permissions) throws IOException {
        if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }

    private static PublicKey publicKey(byte[] encoded) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Not an Ed25519 public key in X.509 PEM: " + e.getMessage(), e);
        }
    }

    private static byte[] read(Path file, String type) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the signing key file " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalStateException(file.toAbsolutePath() + " holds no PEM " + type);
        }
        return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** Which file this key came from (or was expected in). */
    public String source() {
        return source;
    }
}
