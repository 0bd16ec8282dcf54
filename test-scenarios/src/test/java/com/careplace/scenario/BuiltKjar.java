package com.careplace.scenario;

import com.careplace.placement.PlacementEvaluator;
import org.kie.api.KieServices;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieContainer;

import java.io.File;
import java.net.URISyntaxException;

/**
 * The rules-kjar artifact this build produced, loaded the way any Drools 10 application loads a
 * kjar: registered with the {@code KieRepository} and opened by its GAV.
 */
final class BuiltKjar {

    static final ReleaseId RELEASE = KieServices.get().newReleaseId("com.careplace", "rules-kjar", "1.0.0");
    private static KieContainer container;

    private BuiltKjar() {
    }

    /** The packaged kjar (or, when run from an IDE before packaging, its classes directory). */
    static File artifact() {
        try {
            return new File(PlacementEvaluator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static synchronized KieContainer container() {
        if (container == null) {
            KieServices ks = KieServices.get();
            ks.getRepository().addKieModule(ks.getResources().newFileSystemResource(artifact()));
            container = ks.newKieContainer(RELEASE);
        }
        return container;
    }
}
