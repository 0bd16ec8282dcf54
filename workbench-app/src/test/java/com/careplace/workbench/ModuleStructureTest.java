package com.careplace.workbench;

import com.careplace.workbench.authoring.ChangeRequestService;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.domain.properties.HasOwner;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import org.junit.jupiter.api.Test;
import com.careplace.decision.DecisionServiceApplication;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The workbench's feature packages stay free of cycles and reach-ins. */
class ModuleStructureTest {

    @Test
    void featureModulesAreVerified() {
        ApplicationModules modules = ApplicationModules.of("com.careplace.workbench");
        modules.verify();
        assertThat(modules.stream().map(module -> module.getIdentifier().toString())).containsExactlyInAnyOrder("account", "audit", "authoring", "base", "release", "review", "rules");
    }

    /**
     * Authoring's state changes for a verdict (lock, merge, send back) do not check four eyes: review does,
     * in the same transaction. So nothing but review may call them, or four eyes could be walked around.
     */
    @Test
    void onlyReviewGivesVerdictsOnChangeRequests() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.careplace.workbench");
        ArchRule rule = ArchRuleDefinition.noClasses().that().resideOutsideOfPackages("..workbench.review..", "..workbench.authoring")
                .should().callMethodWhere(JavaCall.Predicates.target(HasOwner.Predicates.With.owner(
                        HasName.Predicates.name(ChangeRequestService.class.getName())))
                        .and(JavaCall.Predicates.target(HasName.Predicates.nameMatching("lockForVerdict|merge|sendBack"))))
                .because("four eyes are review's: authoring's verdict methods run inside review's checks");
        rule.check(classes);
        assertThat(classes.get(ChangeRequestService.class).getMethodCallsToSelf()).as("review does call them")
                .anyMatch(call -> call.getName().equals("merge") && call.getOriginOwner().getPackageName().endsWith(".review"));
    }

    @Test
    void theModuleDiagramsInDocsAreTheCodes() throws IOException {
        documentationMatches(ApplicationModules.of("com.careplace.workbench"), Path.of("../docs/modules/workbench"));
    }

    /** The decision service's too: the workbench embeds it, so its classes are here. */
    @Test
    void theDecisionServicesModuleDiagramsInDocsAreTheCodes() throws IOException {
        documentationMatches(ApplicationModules.of(DecisionServiceApplication.class), Path.of("../docs/modules/decision-service"));
    }

    /**
     * Writes Spring Modulith's Documenter output (module canvases, component diagrams) and keeps the copy
     * committed under docs/modules/ true: a stale copy is replaced and the test fails, so that the new one is
     * committed with the change that made it.
     */
    static void documentationMatches(ApplicationModules modules, Path committed) throws IOException {
        Path generated = Path.of("target/spring-modulith-docs", committed.getFileName().toString());
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder(generated.toString())).writeDocumentation();
        Map<String, String> now = contents(generated);
        Map<String, String> before = Files.isDirectory(committed) ? contents(committed) : Map.of();
        // The Documenter writes relations in no fixed order: compare what each file says, not its line order.
        if (!linesOf(now).equals(linesOf(before))) {
            if (Files.isDirectory(committed)) {
                try (Stream<Path> old = Files.walk(committed)) {
                    old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            for (Map.Entry<String, String> file : now.entrySet()) {
                Path target = committed.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue());
            }
        }
        assertThat(linesOf(before)).as(committed + " was out of date and has been written again: commit it")
                .isEqualTo(linesOf(now));
    }

    private static Map<String, List<String>> linesOf(Map<String, String> files) {
        Map<String, List<String>> lines = new TreeMap<>();
        files.forEach((name, text) -> lines.put(name, text.lines().sorted().toList()));
        return lines;
    }

    private static Map<String, String> contents(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString(), Files.readString(file));
            }
        }
        return files;
    }
}
