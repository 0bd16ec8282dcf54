package com.careplace.workbench.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The secret that keys the audit chain (HMAC-SHA256), in a file outside the database: someone who can
 * edit rows cannot recompute the chain after editing them. Created on first start when absent.
 */
@Component
class AuditKey {

    private static final Logger log = LoggerFactory.getLogger(AuditKey.class);

    private final byte[] secret;

    AuditKey(@Value("${careplace.audit.key-file:${careplace.data-dir}/keys/audit-key}") Path file) {
        this.secret = loadOrCreate(file);
    }

    /** HMAC-SHA256 of the length-prefixed fields, hex: no two different field lists give the same input. */
    String mac(String... fields) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            for (String field : fields) {
                byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                mac.update(Integer.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
                mac.update((byte) ':');
                mac.update(bytes);
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JDK has HmacSHA256", e);
        }
    }

    private static byte[] loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                Path dir = file.toAbsolutePath().getParent();
                Files.createDirectories(dir);
                posix(dir, "rwx------");
                Path partial = file.resolveSibling(file.getFileName() + ".new-" + UUID.randomUUID());
                Files.writeString(partial, "");
                posix(partial, "rw-------");
                Files.writeString(partial, Base64.getEncoder().encodeToString(fresh) + "\n");
                try {
                    Files.move(partial, file);
                    log.warn("Careplace created the audit trail's key at {}. Keep a backup: without it the trail cannot be "
                            + "verified. Every workbench node of this installation needs a copy (careplace.audit.key-file).",
                            file.toAbsolutePath());
                } catch (FileAlreadyExistsException e) {
                    log.info("Audit key {} was created by another process; using it", file);
                } finally {
                    Files.deleteIfExists(partial);
                }
            }
            byte[] secret = Base64.getDecoder().decode(Files.readString(file).strip());
            if (secret.length < 32) {
                throw new IllegalStateException(file.toAbsolutePath() + " holds " + secret.length + " bytes; the audit key needs 32");
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the audit key " + file.toAbsolutePath(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file.toAbsolutePath() + " is not a Base64 audit key", e);
        }
    }

    private static void posix(Path path, String permissions) throws IOException {
        if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }
}
