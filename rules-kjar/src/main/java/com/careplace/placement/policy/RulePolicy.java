package com.careplace.placement.policy;

import com.careplace.placement.RuleCompilation;
import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.LineMappings;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.core.rule.JavaDialectRuntimeData;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.extensions.DecisionTableFactory;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.DroolsParserException;
import org.drools.drl.parser.ParserError;
import org.kie.api.KieBase;
import org.kie.api.builder.KieModule;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.io.Resource;
import org.kie.internal.builder.DecisionTableConfiguration;
import org.kie.internal.builder.DecisionTableInputType;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * What rule code may do: the policy every rule source passes before anything compiled from it runs,
 * wherever that is (Check, submit, approval, release build, publish, every decision node).
 *
 * <p>Authors are trusted with clinical content, not with the server. Rules may use the clinical fact
 * model, insert, update and delete facts, and a small reviewed set of pure JDK types
 * ({@code AllowedApi}); everything else is refused, and so is whatever cannot be shown to end: loops,
 * recursion, threads, reflection, class loaders, lambdas, regular expressions, timers, globals,
 * functions, MVEL consequences.
 *
 * <p>The check has two halves, because the classic Drools build both interprets and compiles:
 * <ol>
 *   <li>{@link #checkSources} before compiling: Drools' own DRL parser turns each file (decision tables
 *       expanded to the DRL Drools generates from them) into descriptors; structure is allow-listed and
 *       every expression MVEL evaluates (constraints, {@code from}, accumulate arguments, attributes) is
 *       type-checked against the allowlist.</li>
 *   <li>{@link #checkCompiled} after compiling, before any session exists: the bytecode of every class
 *       Drools compiled from Java (consequences, {@code eval}) is read with the JDK's class-file API, so
 *       obfuscation at source level (computed names, escapes, injected class members) changes nothing.</li>
 * </ol>
 * {@link #checkKjar} does both halves' input checks for a stored release: only rule sources, metadata
 * the vocabulary files and the fact model may be in it.
 */
public final class RulePolicy {

    private static final String RULE_PACKAGE_PATH = "com/careplace/rules/";

    private RulePolicy() {
    }

    /** Whether a resource path is a rule source Drools compiles: DRL or a spreadsheet decision table. */
    public static boolean isRuleSource(String path) {
        return path.endsWith(".drl") || path.endsWith(".drl.csv") || path.endsWith(".drl.xls") || path.endsWith(".drl.xlsx");
    }

    /**
     * Checks rule sources before they are compiled.
     *
     * @param sources resource path to bytes (UTF-8 for DRL and CSV); paths that are not rule sources are ignored
     * @return every violation; empty when the sources may be compiled. Sources that do not parse are
     * left to the compiler, which refuses them.
     */
    public static List<PolicyViolation> checkSources(Map<String, byte[]> sources) {
        List<PolicyViolation> violations = new ArrayList<>();
        sources.forEach((path, bytes) -> {
            if (!isRuleSource(path)) {
                return;
            }
            String drl = path.endsWith(".drl") ? new String(bytes, StandardCharsets.UTF_8) : expandTable(path, bytes);
            if (drl == null) {
                return; // the compiler reports a table it cannot read
            }
            DrlParser parser = new DrlParser();
            PackageDescr descr;
            try {
                descr = parser.parse(false, drl);
            } catch (DroolsParserException e) {
                violations.add(new PolicyViolation(path, 0, 0, null, "", "This file cannot be read: " + e.getMessage()));
                return;
            }
            if (descr == null || parser.hasErrors()) {
                // Fail closed: what the policy cannot read is not compiled. It is the build's own parser, so
                // these are exactly the syntax errors Drools would report.
                for (DroolsError error : parser.getErrors()) {
                    violations.add(syntaxError(path, error));
                }
                if (parser.getErrors().isEmpty()) {
                    violations.add(new PolicyViolation(path, 0, 0, null, "", "This file cannot be read as DRL"));
                }
                return;
            }
            violations.addAll(DrlCheck.check(path, drl, descr));
        });
        return violations;
    }

    private static final java.util.regex.Pattern QUOTED = java.util.regex.Pattern.compile("'([^']+)'");
    private static final java.util.regex.Pattern IN_RULE = java.util.regex.Pattern.compile("in rule \"(.*?)\"");

    private static PolicyViolation syntaxError(String path, DroolsError error) {
        String message = error.getMessage() == null ? "syntax error" : error.getMessage().strip();
        java.util.regex.Matcher rule = IN_RULE.matcher(message);
        int[] lines = error.getLines();
        int line = error instanceof ParserError parse ? parse.getRow() : lines != null && lines.length > 0 ? lines[0] : 0;
        int column = error instanceof ParserError parse ? parse.getCol() + 1 : 0;
        java.util.regex.Matcher quoted = QUOTED.matcher(message);
        String code = quoted.find() ? quoted.group(1) : "";
        return new PolicyViolation(path, Math.max(line, 0), Math.max(column, 0), rule.find() ? rule.group(1) : null, code,
                "Syntax error: " + message.replaceFirst("^\\[ERR \\d+] ", ""));
    }

    /** Text sources: path to text. */
    public static List<PolicyViolation> checkSourceTexts(Map<String, String> sources) {
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        sources.forEach((path, text) -> bytes.put(path, text.getBytes(StandardCharsets.UTF_8)));
        return checkSources(bytes);
    }

    /**
     * The DRL Drools generates from a decision table, as the build generates it; {@code null} when the
     * table cannot be read (the compiler then reports it).
     */
    public static String expandTable(String path, byte[] bytes) {
        DecisionTableConfiguration configuration = KnowledgeBuilderFactory.newDecisionTableConfiguration();
        configuration.setInputType(path.endsWith(".drl.csv") ? DecisionTableInputType.CSV : DecisionTableInputType.XLS);
        // No source path: Drools' JVM-wide table cache is keyed by it (see RuleCompilation).
        Resource resource = ResourceFactory.newByteArrayResource(bytes);
        try {
            return RuleCompilation.isolated(() -> DecisionTableFactory.loadFromResource(resource, configuration));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Checks what a {@code KieBuilder.buildAll()} compiled, before any KieBase or session is made from it.
     */
    public static List<PolicyViolation> checkCompiled(KieModule module) {
        InternalKieModule internal = (InternalKieModule) module;
        List<PolicyViolation> violations = new ArrayList<>();
        for (String kieBase : internal.getKieModuleModel().getKieBaseModels().keySet()) {
            violations.addAll(checkPackages(internal.getKnowledgePackagesForKieBase(kieBase)));
        }
        return violations;
    }

    /** Checks the compiled rules of a KieBase, before any session is made from it. */
    public static List<PolicyViolation> checkCompiled(KieBase kieBase) {
        return checkPackages(kieBase.getKiePackages());
    }

    private static List<PolicyViolation> checkPackages(Collection<KiePackage> packages) {
        List<PolicyViolation> violations = new ArrayList<>();
        for (KiePackage kiePackage : packages) {
            InternalKnowledgePackage pkg = (InternalKnowledgePackage) kiePackage;
            // Refused at source already; a second look here costs nothing and covers a release built elsewhere.
            if (!pkg.getFunctions().isEmpty() || !pkg.getGlobals().isEmpty()) {
                violations.add(new PolicyViolation("", 0, 0, null, pkg.getName(),
                        "Package " + pkg.getName() + " holds functions or globals, which rules may not have"));
            }
            if (pkg.getDialectRuntimeRegistry() == null
                    || !(pkg.getDialectRuntimeRegistry().getDialectData("java") instanceof JavaDialectRuntimeData java)) {
                continue;
            }
            Map<String, LineMappings> lines = pkg.getDialectRuntimeRegistry().getLineMappings();
            Map<String, BytecodeCheck.RuleClass> ruleClasses = new HashMap<>();
            for (Rule rule : pkg.getRules()) {
                RuleImpl impl = (RuleImpl) rule;
                if (impl.getConsequence() == null) {
                    continue;
                }
                String invoker = impl.getConsequence().getClass().getName();
                String ruleClass = invoker.replaceFirst("DefaultConsequenceInvoker$", "");
                LineMappings mapping = lines.get(ruleClass);
                String source = impl.getResource() == null ? "" : Objects.toString(impl.getResource().getSourcePath(), "");
                ruleClasses.put(ruleClass.replace('.', '/'), new BytecodeCheck.RuleClass(rule.getName(), source,
                        mapping == null ? 0 : mapping.getStartLine(), mapping == null ? 0 : mapping.getOffset()));
            }
            Map<String, byte[]> classes = new HashMap<>(java.getStore());
            violations.addAll(BytecodeCheck.check(classes, ruleClasses));
        }
        return violations;
    }

    /**
     * Checks a stored release's kjar before it is built: it may hold only rule sources under
     * {@code com/careplace/rules/}, the KieBase layout of release 1.0.0, Maven metadata, and copies of
     * the application's own classes (which the application's class loader always wins over). Then its
     * rule sources go through {@link #checkSources}.
     */
    public static List<PolicyViolation> checkKjar(byte[] kjar) {
        List<PolicyViolation> violations = new ArrayList<>();
        Map<String, byte[]> sources = new LinkedHashMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(kjar))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                String name = entry.getName();
                byte[] bytes = zip.readAllBytes();
                String problem = !seen.add(name)
                        ? "The release holds " + name + " twice: which one a reader sees is not certain"
                        : entryProblem(name, bytes);
                if (problem != null) {
                    violations.add(new PolicyViolation(name, 0, 0, null, name, problem));
                } else if (isRuleSource(name)) {
                    sources.put(name, bytes);
                }
            }
        } catch (IOException e) {
            violations.add(new PolicyViolation("", 0, 0, null, "kjar", "The release is not a readable jar: " + e.getMessage()));
        }
        violations.addAll(checkSources(sources));
        return violations;
    }

    /**
     * Checks the files of a KieModule as Drools itself read them from a kjar (its zip reader may see a
     * differently built zip otherwise than ours): the same rules as {@link #checkKjar}, then the sources.
     */
    public static List<PolicyViolation> checkModuleFiles(KieModule module) {
        InternalKieModule internal = (InternalKieModule) module;
        List<PolicyViolation> violations = new ArrayList<>();
        Map<String, byte[]> sources = new LinkedHashMap<>();
        for (String name : internal.getFileNames()) {
            byte[] bytes = internal.getBytes(name);
            String problem = bytes == null ? null : entryProblem(name, bytes);
            if (problem != null) {
                violations.add(new PolicyViolation(name, 0, 0, null, name, problem));
            } else if (isRuleSource(name)) {
                sources.put(name, bytes);
            }
        }
        violations.addAll(checkSources(sources));
        return violations;
    }

    private static String entryProblem(String name, byte[] bytes) {
        if (name.endsWith("/") || name.equals("META-INF/MANIFEST.MF") || name.equals("META-INF/kmodule.info")
                || name.startsWith("META-INF/maven/") && (name.endsWith("/pom.xml") || name.endsWith("/pom.properties"))) {
            return null;
        }
        if (name.equals("META-INF/kmodule.xml")) {
            return normalise(new String(bytes, StandardCharsets.UTF_8)).equals(normalise(KModule.EXPECTED)) ? null
                    : "The release's kmodule.xml differs from the KieBase layout of release 1.0.0 (it could change the dialect or engine options)";
        }
        if (com.careplace.placement.vocabulary.Vocabulary.Part.ofPath(name).isPresent()) {
            return null; // data, read by the vocabulary's own strict reader; never compiled
        }
        if (isRuleSource(name)) {
            return name.startsWith(RULE_PACKAGE_PATH) ? null : "Rule sources must be under " + RULE_PACKAGE_PATH;
        }
        if (name.endsWith(".class") && name.startsWith("com/careplace/placement/")) {
            String binary = name.substring(0, name.length() - ".class".length()).replace('/', '.');
            try {
                Class.forName(binary, false, RulePolicy.class.getClassLoader());
                return null; // the application's own class: its copy in the kjar is never loaded
            } catch (ClassNotFoundException | LinkageError e) {
                return "The release carries compiled code (" + name + ") that is not part of the application";
            }
        }
        return "The release carries a file rules may not have: " + name;
    }

    private static String normalise(String xml) {
        return xml.replaceAll("<!--.*?-->", "").replaceAll("\\s+", " ").strip();
    }

    /** The KieBase layout every release uses: the bundled rules-kjar's kmodule.xml. */
    private static final class KModule {
        static final String EXPECTED = read();

        private static String read() {
            try (InputStream in = RulePolicy.class.getResourceAsStream("/META-INF/kmodule.xml")) {
                if (in == null) {
                    throw new IllegalStateException("rules-kjar's META-INF/kmodule.xml is missing from the classpath");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
