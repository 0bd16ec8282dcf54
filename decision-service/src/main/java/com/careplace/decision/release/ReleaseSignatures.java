package com.careplace.decision.release;

import com.careplace.decision.base.SigningKey;
import org.springframework.stereotype.Component;

/**
 * What a release and a deployment are signed over, and the check every node makes before it loads
 * one. The texts name every field that decides what runs: a row changed or written with database
 * access alone no longer matches its signature.
 */
@Component
class ReleaseSignatures {

    private final SigningKey key;

    ReleaseSignatures(SigningKey key) {
        this.key = key;
    }

    String sign(Release release) {
        return key.sign(text(release));
    }

    String sign(Deployment deployment) {
        return key.sign(text(deployment));
    }

    /** Why the release may not load here, or {@code null} when its signature and checksum hold. */
    String problem(Release release, String signature) {
        if (signature == null || signature.isBlank()) {
            return "Release " + release.version() + " is not signed: it was not published from an approval or by an operator "
                    + "holding the signing key";
        }
        if (!key.verify(text(release), signature)) {
            return "Release " + release.version() + " does not match its signature: its row was changed, or it was signed "
                    + "with another key than this node's (" + key.source() + ")";
        }
        return null;
    }

    String problem(Deployment deployment, String signature) {
        if (signature == null || signature.isBlank() || !key.verify(text(deployment), signature)) {
            return "Deployment " + deployment.id() + " of release " + deployment.release().version()
                    + " is not signed by this installation's key: it was not made by a deployer";
        }
        return null;
    }

    private static String text(Release release) {
        return String.join("\n", "careplace-release-v1", release.id(), release.version(), release.checksum(),
                release.createdAt().toString(), release.createdBy());
    }

    // The deployment's own id is in it: a copy of an old deployment row, replayed to roll back, does not verify.
    private static String text(Deployment deployment) {
        return String.join("\n", "careplace-deployment-v1", Long.toString(deployment.id()), deployment.release().id(),
                deployment.release().checksum(), deployment.deployedAt().toString(), deployment.deployedBy());
    }
}
