package com.careplace.workbench.authoring;

import com.careplace.workbench.rules.BaselineAssets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * First start: the 1.0.0 rule assets and scenario suites become mainline revision 1, matching the
 * release the decision service deploys from the bundled kjar. Later starts leave mainline alone, except
 * that a mainline from before releases carried a vocabulary gets 1.0.0's vocabulary files.
 */
@Component
@Order(5)
class BaselineImport implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BaselineImport.class);

    private final ChangeRequestService changes;

    BaselineImport(ChangeRequestService changes) {
        this.changes = changes;
    }

    @Override
    public void run(ApplicationArguments args) {
        var assets = BaselineAssets.load();
        if (changes.importBaseline(assets, "system", "Release 1.0.0")) {
            log.info("Imported the 1.0.0 rule assets and scenario suites as mainline ({} assets)", assets.size());
        } else {
            var added = changes.importMissingVocabulary(assets, "system", "Release 1.0.0's vocabulary");
            if (!added.isEmpty()) {
                log.info("Added release 1.0.0's vocabulary to mainline: {}", added);
            }
        }
    }
}
