package com.careplace.decision;

import com.careplace.placement.RuleCompilation;
import com.careplace.placement.vocabulary.Vocabulary;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Real kjars for tests: the 1.0.0 rule sources, changed as a rule author would, built by Drools. */
public final class TestReleases {

    private static final List<String> RULE_FILES = List.of("placement.drl", "iop-eligibility.drl",
            "diagnosis-categories.drl.csv", "dimension-levels.drl.csv", "payer-requirements.drl.csv");

    private TestReleases() {
    }

    /** 1.0.0 with D3 rated 2 calling for 2.5 instead of 2.1: worked example 1 becomes partial hospitalization. */
    public static byte[] d3ModerateCallsForPartialHospitalization(String version) {
        return build(version, "dimension-levels.drl.csv", table -> table.replace(
                "D3 emotional/behavioral rated 2: minimum level 2.1,D3,2,2.1",
                "D3 emotional/behavioral rated 2: minimum level 2.5,D3,2,2.5"), null);
    }

    /** 1.0.0 plus a rule that loops forever for patients aged exactly 99: passes a smoke test, runs away on them. */
    public static byte[] loopsForAge99(String version) {
        return build(version, null, null, """
                package com.careplace.rules
                import com.careplace.placement.facts.*;
                rule "Loops for age 99"
                when
                    $a : Assessment( age == 99 )
                then
                    update( $a );
                end
                """);
    }

    /** 1.0.0 plus a rule that loops for every patient: cannot pass any check. */
    public static byte[] loopsAlways(String version) {
        return build(version, null, null, """
                package com.careplace.rules
                import com.careplace.placement.facts.*;
                rule "Loops always"
                when
                    $a : Assessment()
                then
                    update( $a );
                end
                """);
    }

    /**
     * 1.0.0 plus a rule whose consequence creates {@code file} for every patient: what an author with no
     * policy in the way could have slipped in, and what someone with database access could store.
     */
    public static byte[] writesFile(String version, java.nio.file.Path file) {
        return build(version, null, null, """
                package com.careplace.rules
                import com.careplace.placement.facts.*;
                rule "Writes a file"
                when
                    Assessment()
                then
                    new java.io.File("%s").createNewFile();
                end
                """.formatted(file));
    }

    /**
     * 1.0.0 whose vocabulary adds the payer MEDICARE_ADVANTAGE (prior authorization and physician
     * certification, 9 hours a week, recertification every 30 days) in a row of the payer table.
     */
    public static byte[] medicareAdvantage(String version) {
        Map<String, String> vocabulary = new LinkedHashMap<>(Vocabulary.baseline().files());
        vocabulary.compute(Vocabulary.Part.PAYERS.path(), (path, csv) -> csv + "MEDICARE_ADVANTAGE,Medicare Advantage\n");
        return build(version, "payer-requirements.drl.csv", table -> table.replace("Payer requirements: self-pay,",
                "Payer requirements: Medicare Advantage,ELIGIBLE,MEDICARE_ADVANTAGE,yes,yes,9,30\nPayer requirements: self-pay,"),
                null, vocabulary);
    }

    private static byte[] build(String version, String changedFile, UnaryOperator<String> change, String extraDrl) {
        return build(version, changedFile, change, extraDrl, Map.of());
    }

    private static byte[] build(String version, String changedFile, UnaryOperator<String> change, String extraDrl,
                                Map<String, String> vocabulary) {
        KieServices ks = KieServices.get();
        ReleaseId id = ks.newReleaseId("com.careplace", "rules-kjar", version);
        KieFileSystem files = ks.newKieFileSystem().generateAndWritePomXML(id);
        files.writeKModuleXML(resource("META-INF/kmodule.xml"));
        for (String name : RULE_FILES) {
            String text = resource("com/careplace/rules/" + name);
            if (name.equals(changedFile)) {
                String changed = change.apply(text);
                if (changed.equals(text)) {
                    throw new IllegalStateException("The change to " + name + " matched nothing");
                }
                text = changed;
            }
            files.write("src/main/resources/com/careplace/rules/" + name, text);
        }
        if (extraDrl != null) {
            files.write("src/main/resources/com/careplace/rules/extra.drl", extraDrl);
        }
        vocabulary.forEach((path, text) -> files.write("src/main/resources/" + path, text));
        KieBuilder builder = RuleCompilation.isolated(() -> ks.newKieBuilder(files).buildAll());
        if (builder.getResults().hasMessages(Message.Level.ERROR)) {
            throw new IllegalStateException(builder.getResults().toString());
        }
        return ((InternalKieModule) builder.getKieModule()).getBytes();
    }

    private static String resource(String path) {
        try (InputStream in = TestReleases.class.getClassLoader().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
