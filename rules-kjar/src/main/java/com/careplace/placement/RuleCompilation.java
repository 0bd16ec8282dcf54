package com.careplace.placement;

import org.drools.drl.extensions.DecisionTableFactory;

import java.util.function.Supplier;

/**
 * Runs a Drools build (a {@code KieBuilder.buildAll()}, a classic kjar's first {@code getKieBase()})
 * so that its decision tables are compiled from its own sources.
 *
 * <p>Why: Drools 10.2 caches the DRL it generates from decision tables JVM-wide, keyed by the
 * table's resource path ({@code DecisionTableProviderImpl.compiledDtablesCache}). Two releases that
 * hold {@code com/careplace/rules/dimension-levels.drl.csv} would otherwise both get whichever
 * version was compiled first: a deployed change would silently run the old table. Builds are
 * serialised and the cache cleared around each one; a build takes a few hundred milliseconds and
 * happens off the request path, so the lock costs nothing that matters.
 */
public final class RuleCompilation {

    private static final Object LOCK = new Object();

    private RuleCompilation() {
    }

    /** Runs {@code build} with an empty decision-table cache, alone. */
    public static <T> T isolated(Supplier<T> build) {
        synchronized (LOCK) {
            DecisionTableFactory.clearCompilerCache();
            try {
                return build.get();
            } finally {
                DecisionTableFactory.clearCompilerCache();
            }
        }
    }

    /**
     * The bytes of a module a {@code KieBuilder.buildAll()} made: a genuine kjar any Drools 10
     * application can load. Here so that no caller casts to Drools' internal module type.
     */
    public static byte[] kjarBytes(org.kie.api.builder.KieModule module) {
        return ((org.drools.compiler.kie.builder.impl.InternalKieModule) module).getBytes();
    }
}
