package com.careplace.decision.release;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * At start: with an empty store, publishes and deploys release 1.0.0 from the bundled rules-kjar, so
 * a fresh node answers at once; otherwise loads the deployed release before traffic is accepted.
 */
@Component
@ConditionalOnBooleanProperty(name = "careplace.decision.node", matchIfMissing = true)
@Order(0)
class BaselineRelease implements ApplicationRunner {

    static final String VERSION = "1.0.0";
    private static final Logger log = LoggerFactory.getLogger(BaselineRelease.class);

    private final ReleaseService releases;
    private final ReleaseStore store;

    BaselineRelease(ReleaseService releases, ReleaseStore store) {
        this.releases = releases;
        this.store = store;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (store.activeDeployment().isEmpty()) {
            if (store.findByVersion(VERSION).isEmpty()) {
                try {
                    releases.publish(VERSION, bundledKjar(), "system");
                } catch (IllegalArgumentException e) {
                    // Another node published it between our check and our insert.
                    log.info("Baseline release already published: {}", e.getMessage());
                }
            }
            if (store.activeDeployment().isEmpty()) {
                releases.deploy(VERSION, "system");
            }
        }
        releases.synchronize();
    }

    static byte[] bundledKjar() {
        try (InputStream in = BaselineRelease.class.getResourceAsStream("baseline-release.kjar")) {
            if (in == null) {
                throw new IllegalStateException("The bundled 1.0.0 kjar is missing from the decision-service jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
