package com.careplace.decision.base;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;

/**
 * Settings under {@code careplace.signing}: the installation's signing key, kept outside the database.
 *
 * @param keyFile       the private key (Ed25519, PKCS#8 PEM) that signs releases, deployments and audit
 *                      checkpoints; created on first start when absent, unless {@code publicKeyFile} is set
 * @param publicKeyFile a verify-only node's copy of the public key: set it on decision nodes that never
 *                      publish or deploy, so the private key stays with the workbench and operators
 */
@ConfigurationProperties("careplace.signing")
public record SigningProperties(Path keyFile, Path publicKeyFile) {

    public SigningProperties {
        keyFile = keyFile == null ? Path.of("data", "keys", "signing-key.pem") : keyFile;
    }
}
