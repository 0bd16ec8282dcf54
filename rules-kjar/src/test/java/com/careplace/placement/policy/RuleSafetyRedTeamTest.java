package com.careplace.placement.policy;

import com.careplace.placement.Dimension;
import com.careplace.placement.LevelOfCare;
import com.careplace.placement.Payer;
import com.careplace.placement.RuleCompilation;
import com.careplace.placement.SuicideRisk;
import com.careplace.placement.facts.Assessment;
import com.careplace.placement.facts.Diagnosis;
import com.careplace.placement.facts.DimensionRating;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.runtime.KieSession;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The red team: attempts an author could make to reach the server from rule code, in DRL and in
 * every part of a decision table. Each attempt is first shown to work without the policy (it
 * compiles, runs on an ordinary decision's facts, and has its effect), then shown to be refused by
 * the policy at the place the author wrote it.
 */
class RuleSafetyRedTeamTest {

    static final String MARK = "careplace.redteam";
    static final String SECRET = "careplace.redteam.secret";
    private static final String RULES = "com/careplace/rules/";
    private static final String HEADER = """
            package com.careplace.rules
            import com.careplace.placement.*;
            import com.careplace.placement.facts.*;
            """;
    private static final int HEADER_LINES = 3;
    private static final String SET = "System.setProperty(\"" + MARK + "\", \"hit\")";
    /** The same write without quotes: Drools escapes quotes in table cells, so a cell's payload needs none. */
    private static final String QUOTELESS_SET = "System.setProperty(Payer.TRICARE.name(), Category.OTHER.name())";

    /** What the attempt does when it runs, observed from outside the rules. */
    enum Effect {
        /** sets a system property: stands for any write to the process's state */
        PROPERTY,
        /** creates {@code ${file}} */
        FILE,
        /** inserts a Diagnosis whose code starts with "leak:" and carries what it read */
        LEAK,
        /** hands a patient's fact to a global the embedding code holds */
        GLOBAL,
        /** connects to {@code ${port}} on loopback */
        CONNECT,
        /** changes the shared KieBase every other decision uses */
        KIEBASE,
        /** renames the thread running the decision */
        THREAD,
        /** keeps a count across decisions (the second decision sees 2) */
        STATE,
        /** fires after the decision has been returned */
        LATE,
        /** ends the JVM (shown in a child process) */
        EXIT
    }

    /**
     * One attempt.
     *
     * @param name   what it tries
     * @param path   the asset it is written in
     * @param source the asset's text
     * @param effect what it does without the policy
     * @param code   what the refusal names
     * @param line   the DRL line the refusal points at (for tables: in the generated DRL, so 0 = any)
     * @param rule   the rule the refusal is in, when it is in one
     */
    record Attempt(String name, String path, String source, Effect effect, String code, int line, String rule) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A class whose static initialiser writes the mark: what loading a class by name from a rule runs. */
    static final class Initialised {
        static {
            System.setProperty(MARK, "hit");
        }
    }

    /** The same, for a second attempt (a class is initialised once per JVM). */
    static final class InitialisedToo {
        static {
            System.setProperty(MARK, "hit");
        }
    }

    @TempDir
    Path temp;
    private Path file;
    private ServerSocket server;

    @BeforeEach
    void reset() throws IOException {
        System.clearProperty(MARK);
        System.clearProperty("TRICARE");
        System.setProperty(SECRET, "42");
        file = temp.resolve("written-by-a-rule");
        server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        server.setSoTimeout(3000);
    }

    @AfterEach
    void close() throws IOException {
        System.clearProperty(MARK);
        System.clearProperty("TRICARE");
        server.close();
        Thread.currentThread().setName("main");
    }

    static Stream<Attempt> attempts() {
        List<Attempt> all = new ArrayList<>();
        // Consequences: the JDK reached directly
        all.add(drl("System.exit ends the JVM", "System.exit(3);", Effect.EXIT, "System.exit"));
        all.add(drl("write a file", "java.nio.file.Files.writeString(java.nio.file.Path.of(\"${file}\"), \"x\");", Effect.FILE, "Path.of"));
        all.add(drl("write a file with java.io", "new java.io.FileOutputStream(\"${file}\").close();", Effect.FILE, "new FileOutputStream"));
        all.add(drl("start a process (ProcessBuilder)", "new ProcessBuilder(\"touch\", \"${file}\").start().waitFor();", Effect.FILE, "new ProcessBuilder"));
        all.add(drl("start a process (Runtime.exec)", "Runtime.getRuntime().exec(new String[] {\"touch\", \"${file}\"}).waitFor();", Effect.FILE, "Runtime.getRuntime"));
        all.add(drl("read the environment", "insert(new Diagnosis(\"leak:\" + System.getenv(\"PATH\")));", Effect.LEAK, "System.getenv"));
        all.add(drl("read a system property", "insert(new Diagnosis(\"leak:\" + System.getProperty(\"" + SECRET + "\")));", Effect.LEAK, "System.getProperty"));
        all.add(drl("read a system property through an allowed type", "insert(new Diagnosis(\"leak:\" + Integer.getInteger(\"" + SECRET + "\")));", Effect.LEAK, "Integer.getInteger"));
        all.add(drl("write a system property", SET + ";", Effect.PROPERTY, "System.setProperty"));
        all.add(drl("open a socket", "new java.net.Socket(\"127.0.0.1\", ${port}).close();", Effect.CONNECT, "new Socket"));
        all.add(drl("touch the thread", "Thread.currentThread().setName(\"careplace-redteam\");", Effect.THREAD, "Thread.currentThread"));
        // Reflection, class loaders, method handles, obfuscation
        all.add(drl("reflection with a computed class name",
                "Class.forName(\"java.lang.Sys\" + \"tem\").getMethod(\"setProperty\", String.class, String.class).invoke(null, \"" + MARK + "\", \"hit\");",
                Effect.PROPERTY, "Class.forName"));
        all.add(drl("class name built from characters",
                "Class.forName(new String(new char[] {'j','a','v','a','.','l','a','n','g','.','S','y','s','t','e','m'})).getMethod(\"setProperty\", String.class, String.class).invoke(null, \"" + MARK + "\", \"hit\");",
                Effect.PROPERTY, "Class.forName"));
        all.add(drl("a class loader reached from a fact",
                "$a.getClass().getClassLoader().loadClass(\"java.lang.System\").getMethod(\"setProperty\", String.class, String.class).invoke(null, \"" + MARK + "\", \"hit\");",
                Effect.PROPERTY, "getClass"));
        all.add(drl("method handles",
                "try { java.lang.invoke.MethodHandles.lookup().findStatic(System.class, \"setProperty\", java.lang.invoke.MethodType.methodType(String.class, String.class, String.class)).invoke(\"" + MARK + "\", \"hit\"); } catch (Throwable e) { }",
                Effect.PROPERTY, "MethodHandles.lookup"));
        all.add(drl("a name spelt with spaces", "java . lang . System . setProperty(\"" + MARK + "\", \"hit\");", Effect.PROPERTY, "System.setProperty"));
        all.add(drl("a lambda", "Runnable leak = () -> " + SET + "; leak.run();", Effect.PROPERTY, "Lambdas"));
        all.add(drl("a method reference", "java.util.function.BinaryOperator<String> set = System::setProperty; set.apply(\"" + MARK + "\", \"hit\");", Effect.PROPERTY, "Lambdas"));
        all.add(drl("an anonymous class", "new Runnable() { public void run() { " + SET + "; } }.run();", Effect.PROPERTY, "Classes of your own"));
        all.add(drl("a local class", "class Leak { void go() { " + SET + "; } } new Leak().go();", Effect.PROPERTY, "Classes of your own"));
        // Code injected around the consequence into the rule's class
        all.add(drl("a static initialiser injected into the rule class",
                "insert(1); } static { " + SET + "; } static void unused() {", Effect.PROPERTY, "System.setProperty"));
        all.add(drl("a nested class injected into the rule class",
                "Nested.go(); } static class Nested { static void go() { " + SET + "; } } static void unused() {", Effect.PROPERTY, "Classes of your own"));
        all.add(drl("recursion through an injected method",
                "insert(new Diagnosis(\"leak:\" + depth(3))); } static int depth(int n) { return n <= 0 ? 0 : 1 + depth(n - 1); } static void unused() {",
                Effect.LEAK, "depth"));
        all.add(drl("state kept between patients in an injected field",
                "seen++; insert(new Diagnosis(\"leak:\" + seen)); } static int seen; static void unused() {", Effect.STATE, "seen"));
        all.add(drl("a loop", "for (int i = 0; i < 3; i++) { insert(new Diagnosis(\"leak:\" + i)); }", Effect.LEAK, "loop"));
        all.add(drl("an array sized by patient data", "insert(new Diagnosis(\"leak:\" + new int[$a.age()].length));", Effect.LEAK, "new[]"));
        all.add(drl("memory through String.repeat", "insert(new Diagnosis(\"leak:\" + \"x\".repeat($a.age())));", Effect.LEAK, "String.repeat"));
        // The engine reached beyond insert/update/delete
        all.add(drl("drools: the session's environment", "drools.getKieRuntime().getEnvironment().set(\"" + MARK + "\", \"hit\");", Effect.PROPERTY, "drools.getKieRuntime"));
        all.add(drl("kcontext: remove a rule from the shared KieBase",
                "kcontext.getKieRuntime().getKieBase().removeRule(\"com.careplace.rules\", \"victim\");", Effect.KIEBASE, "getKieRuntime"));
        all.add(drl("a cast from kcontext to Drools' internals",
                "((org.drools.core.rule.consequence.KnowledgeHelper) kcontext).getKieRuntime().getKieBase().removeRule(\"com.careplace.rules\", \"victim\");",
                Effect.KIEBASE, "getKieRuntime"));
        // Found by a red-team review: a class name where MVEL expects a value is the Class object itself
        all.add(raw("a class in parentheses used as a value (reflection: load and initialise any class)",
                "rule \"leak\"\nwhen\n    Assessment( $c : (Payer).forName(\"" + Initialised.class.getName() + "\") )\n"
                        + "then\n    insert(new Diagnosis(\"leak:\" + $c));\nend\n",
                Effect.PROPERTY, "(`Payer`) can only be used", 3));
        all.add(raw("a bare class bound in one branch of an or, reflection in the other",
                "rule \"leak\"\nwhen\n    ( Assessment( $c : (Payer).forName(\"" + InitialisedToo.class.getName() + "\") )\n"
                        + "      or Assessment( age < 0, $c : (Payer) ) )\n    Assessment( $c.getName() != null )\nthen\nend\n",
                Effect.PROPERTY, "(`Payer`) can only be used", 3));
        // Everything else an author can write in DRL
        all.add(raw("the MVEL dialect", "rule \"leak\"\n    dialect \"mvel\"\nwhen\n    $a : Assessment()\nthen\n    " + SET + ";\nend\n",
                Effect.PROPERTY, "dialect", 2));
        all.add(raw("the MVEL dialect for the package", "dialect \"mvel\"\nrule \"leak\"\nwhen\n    $a : Assessment()\nthen\n    " + SET + ";\nend\n",
                Effect.PROPERTY, "dialect", 1));
        all.add(raw("a constraint (MVEL)", "rule \"leak\"\nwhen\n    Assessment( " + SET + " == null )\nthen\nend\n",
                Effect.PROPERTY, "System.setProperty", 3));
        all.add(raw("a qualified class in a constraint", "rule \"leak\"\nwhen\n    Assessment( age > 1, java.lang.System.setProperty(\"" + MARK + "\", \"hit\") == null )\nthen\nend\n",
                Effect.PROPERTY, "java.lang.System.setProperty", 3));
        all.add(raw("`new` in a constraint", "rule \"leak\"\nwhen\n    Assessment( new java.io.File(\"${file}\").createNewFile() )\nthen\nend\n",
                Effect.FILE, "new", 3));
        all.add(raw("eval", "rule \"leak\"\nwhen\n    eval( " + SET + " == null )\nthen\nend\n", Effect.PROPERTY, "System.setProperty", 3));
        all.add(raw("from", "rule \"leak\"\nwhen\n    Assessment()\n    String() from " + SET + "\nthen\nend\n", Effect.PROPERTY, "System.setProperty", 4));
        all.add(raw("collect", "rule \"leak\"\nwhen\n    java.util.List() from collect( Assessment( " + SET + " == null ) )\nthen\nend\n",
                Effect.PROPERTY, "System.setProperty", 3));
        all.add(raw("accumulate with inline code", "rule \"leak\"\nwhen\n    Number() from accumulate( Assessment(), init( " + SET + "; ) action( ) result( Integer.valueOf(1) ) )\nthen\nend\n",
                Effect.PROPERTY, "init", 3));
        all.add(raw("an accumulate function's argument", "rule \"leak\"\nwhen\n    Number() from accumulate( Assessment( $age : age ), sum( " + SET + " == null ? $age : $age ) )\nthen\nend\n",
                Effect.PROPERTY, "?", 3));
        all.add(raw("salience as an expression", "rule \"leak\"\n    salience ( System.identityHashCode(" + SET + ") )\nwhen\n    Assessment()\nthen\nend\n",
                Effect.PROPERTY, "salience", 2));
        all.add(raw("enabled as an expression", "rule \"leak\"\n    enabled ( " + SET + " == null )\nwhen\n    Assessment()\nthen\nend\n",
                Effect.PROPERTY, "enabled", 2));
        all.add(raw("a timer", "rule \"leak\"\n    timer ( int: 1s )\nwhen\n    Assessment()\nthen\n    insert(new Diagnosis(\"leak:late\"));\nend\n",
                Effect.LATE, "timer", 2));
        all.add(raw("a function", "function void leak() { " + SET + "; }\nrule \"leak\"\nwhen\n    Assessment()\nthen\n    leak();\nend\n",
                Effect.PROPERTY, "leak", 1));
        all.add(raw("import function", "import function java.lang.System.setProperty;\nrule \"leak\"\nwhen\n    Assessment()\nthen\n    setProperty(\"" + MARK + "\", \"hit\");\nend\n",
                Effect.PROPERTY, "java.lang.System.setProperty", 1));
        all.add(raw("a global", "global java.util.List leak;\nrule \"leak\"\nwhen\n    $a : Assessment()\nthen\n    leak.add($a);\nend\n",
                Effect.GLOBAL, "leak", 1));
        all.add(raw("a declared type with an initialiser", "declare Leak\n    value : String = " + SET + "\nend\nrule \"leak\"\nwhen\n    Assessment()\nthen\n    insert(new Leak());\nend\n",
                Effect.PROPERTY, "Leak", 1));
        all.add(raw("a query's constraint", "query \"leak\"\n    Assessment( " + SET + " == null )\nend\n", Effect.PROPERTY, "System.setProperty", 2));
        all.add(raw("an import of java.io", "import java.io.File;\nrule \"leak\"\nwhen\n    Assessment()\nthen\n    new File(\"${file}\").createNewFile();\nend\n",
                Effect.FILE, "java.io.File", 1));
        all.add(raw("a wildcard import of java.nio.file", "import java.nio.file.*;\nrule \"leak\"\nwhen\n    Assessment()\nthen\n    Files.writeString(Path.of(\"${file}\"), \"x\");\nend\n",
                Effect.FILE, "java.nio.file.*", 1));
        // Every part of a decision table
        all.add(table("a table cell pasted into an unquoted action (System.exit)",
                payerTable().replace("TRICARE,yes,no,6,", "TRICARE,yes,no,6)); System.exit(3); insert(new PayerMinimumHours(6,"),
                Effect.EXIT, "System.exit", "Payer requirements: TRICARE"));
        all.add(table("a table cell pasted into an unquoted action",
                payerTable().replace("TRICARE,yes,no,6,", "TRICARE,yes,no,\"6)); " + QUOTELESS_SET + "; insert(new PayerMinimumHours(6\","),
                Effect.PROPERTY, "System.setProperty", "Payer requirements: TRICARE"));
        all.add(table("a table's action code row",
                payerTable().replace("insert(new PayerMinimumHours($param));", "\"insert(new PayerMinimumHours($param)); " + SET.replace("\"", "\"\"") + ";\""),
                Effect.PROPERTY, "System.setProperty", null));
        all.add(table("a table's condition code row",
                payerTable().replace("status == IopStatus.$param", "\"status == IopStatus.$param, " + SET.replace("\"", "\"\"") + " == null\""),
                Effect.PROPERTY, "System.setProperty", null));
        all.add(table("a table cell pasted into a condition",
                payerTable().replace("ELIGIBLE,TRICARE,", "\"ELIGIBLE, " + QUOTELESS_SET + " == null\",TRICARE,"),
                Effect.PROPERTY, "System.setProperty", "Payer requirements: TRICARE"));
        // The payer column quotes its cell (Payer.of("$param")) and Drools escapes quotes in cells, unless
        // the sheet turns that off; then a cell closes the quote itself
        all.add(table("a table cell breaking out of a quoted condition",
                payerTable().replace("Notes,", "EscapeQuotes,false\nNotes,").replace("ELIGIBLE,TRICARE,", "ELIGIBLE,\"TRICARE\"\"), " + QUOTELESS_SET
                        + " == null, payer == Payer.of(\"\"TRICARE\","),
                Effect.PROPERTY, "System.setProperty", "Payer requirements: TRICARE"));
        all.add(table("a table's Import row",
                payerTable().replace("Import,\"com.careplace.placement.*, com.careplace.placement.facts.*\"",
                        "Import,\"com.careplace.placement.*, com.careplace.placement.facts.*, java.io.File\"")
                        .replace("insert(new PayerMinimumHours($param));", "\"insert(new PayerMinimumHours($param)); new File(\"\"${file}\"\").createNewFile();\""),
                Effect.FILE, "java.io.File", null));
        all.add(table("a table's Variables row",
                payerTable().replace("Notes,", "Variables,java.util.List leak\nNotes,")
                        .replace("insert(new PayerMinimumHours($param));", "\"insert(new PayerMinimumHours($param)); leak.add(\"\"x\"\");\""),
                Effect.GLOBAL, "leak", null));
        all.add(table("a table's Functions row",
                payerTable().replace("Notes,", "Functions,\"function void leak() { " + SET.replace("\"", "\"\"") + "; }\"\nNotes,")
                        .replace("insert(new PayerMinimumHours($param));", "\"insert(new PayerMinimumHours($param)); leak();\""),
                Effect.PROPERTY, "leak", null));
        all.add(table("a table's Queries row",
                payerTable().replace("Notes,", "Queries,\"query \"\"leak\"\" Assessment( " + SET.replace("\"", "\"\"") + " == null ) end\"\nNotes,"),
                Effect.PROPERTY, "System.setProperty", null));
        all.add(table("a table's Declare row",
                payerTable().replace("Notes,", "Declare,\"declare Leak value : String = " + SET.replace("\"", "\"\"") + " end\"\nNotes,")
                        .replace("insert(new PayerMinimumHours($param));", "\"insert(new PayerMinimumHours($param)); insert(new Leak());\""),
                Effect.PROPERTY, "Leak", null));
        all.add(table("a table's Dialect row",
                payerTable().replace("Notes,", "Dialect,mvel\nNotes,")
                        .replace("insert(new PayerMinimumHours($param));", "\"insert(new PayerMinimumHours($param)); " + SET.replace("\"", "\"\"") + ";\""),
                Effect.PROPERTY, "dialect", null));
        return all.stream();
    }

    private static Attempt drl(String name, String consequence, Effect effect, String code) {
        String rule = """
                rule "leak"
                when
                    $a : Assessment()
                then
                    %s
                end

                rule "victim"
                when
                    Diagnosis()
                then
                end
                """.formatted(consequence);
        return new Attempt(name, RULES + "leak.drl", HEADER + rule, effect, code, HEADER_LINES + 5, "leak");
    }

    private static Attempt raw(String name, String drl, Effect effect, String code, int line) {
        String source = HEADER + drl;
        return new Attempt(name, RULES + "leak.drl", source, effect, code, HEADER_LINES + line,
                drl.startsWith("rule") || drl.startsWith("query") ? "leak" : null);
    }

    private static Attempt table(String name, String csv, Effect effect, String code, String rule) {
        return new Attempt(name, RULES + "payer-requirements.drl.csv", csv, effect, code, 0, rule);
    }

    static String payerTable() {
        return RulePolicyTest.baseline().get(RULES + "payer-requirements.drl.csv");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attempts")
    void works_without_the_policy(Attempt attempt) throws Exception {
        String source = concrete(attempt.source());
        if (attempt.effect() == Effect.EXIT) {
            assertThat(exitCodeOfChildRunning(attempt.path(), source)).as("the child JVM's exit code").isEqualTo(3);
            return;
        }
        KieBase kieBase = build(attempt.path(), source);
        List<Object> facts = decide(kieBase, attempt);
        switch (attempt.effect()) {
            case PROPERTY -> assertThat(System.getProperty(MARK, System.getProperty("TRICARE"))).isIn("hit", "OTHER");
            case FILE -> assertThat(file).exists();
            case LEAK -> assertThat(facts).anySatisfy(f -> assertThat(f).isInstanceOfSatisfying(Diagnosis.class,
                    d -> assertThat(d.code()).startsWith("leak:").hasSizeGreaterThan("leak:".length())));
            case GLOBAL -> assertThat(facts).as("facts handed to the global").isNotEmpty();
            case CONNECT -> {
                try (var accepted = server.accept()) {
                    assertThat(accepted.isConnected()).isTrue();
                } catch (SocketTimeoutException e) {
                    throw new AssertionError("the rule did not connect", e);
                }
            }
            case KIEBASE -> assertThat(kieBase.getRule("com.careplace.rules", "victim")).as("rule removed").isNull();
            case THREAD -> assertThat(Thread.currentThread().getName()).isEqualTo("careplace-redteam");
            case STATE -> assertThat(facts).anySatisfy(f -> assertThat(f).isEqualTo(new Diagnosis("leak:2")));
            case LATE -> assertThat(facts).anySatisfy(f -> assertThat(f).isEqualTo(new Diagnosis("leak:late")));
            case EXIT -> throw new IllegalStateException("handled above");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attempts")
    void is_refused_where_it_was_written(Attempt attempt) {
        Map<String, String> sources = RulePolicyTest.baseline();
        sources.put(attempt.path(), concrete(attempt.source()));
        List<PolicyViolation> violations = RulePolicyTest.check(sources);
        assertThat(violations).as("violations").isNotEmpty().anySatisfy(v -> {
            assertThat(v.source()).isEqualTo(attempt.path());
            assertThat(v.code() + " " + v.message()).contains(attempt.code());
            if (attempt.line() > 0) {
                assertThat(v.line()).as("line").isEqualTo(attempt.line());
            }
            if (attempt.rule() != null) {
                assertThat(v.rule()).as("rule").isEqualTo(attempt.rule());
            }
        });
    }

    @Test
    void the_red_team_covers_at_least_forty_attempts_and_every_part_of_a_table() {
        List<Attempt> all = attempts().toList();
        assertThat(all).hasSizeGreaterThanOrEqualTo(40);
        assertThat(all.stream().map(Attempt::name).filter(n -> n.startsWith("a table")).count()).isGreaterThanOrEqualTo(10);
    }

    private String concrete(String source) {
        return source.replace("${file}", file.toString()).replace("${port}", String.valueOf(server.getLocalPort()));
    }

    /** Builds the 1.0.0 rules plus the attempt, exactly as the product did before the policy. */
    static KieBase build(String path, String source) {
        Map<String, String> sources = RulePolicyTest.baseline();
        sources.put(path, source);
        KieServices ks = KieServices.get();
        KieFileSystem files = ks.newKieFileSystem();
        sources.forEach((p, text) -> files.write("src/main/resources/" + p, text));
        return RuleCompilation.isolated(() -> {
            KieBuilder builder = ks.newKieBuilder(files).buildAll();
            assertThat(builder.getResults().getMessages(Message.Level.ERROR)).as("the attempt compiles").isEmpty();
            return ks.newKieContainer(builder.getKieModule().getReleaseId()).getKieBase();
        });
    }

    /** An ordinary decision's facts: worked example 1, TRICARE so the payer table fires. */
    private static List<Object> decide(KieBase kieBase, Attempt attempt) {
        List<Object> global = new ArrayList<>();
        List<Object> facts = new ArrayList<>();
        int decisions = attempt.effect() == Effect.STATE ? 2 : 1;
        for (int i = 0; i < decisions; i++) {
            KieSession session = attempt.effect() == Effect.LATE ? kieBase.newKieSession(pseudoClock(), null) : kieBase.newKieSession();
            try {
                if (kieBase.getKiePackage("com.careplace.rules").getGlobalVariables().stream().anyMatch(g -> g.getName().equals("leak"))) {
                    session.setGlobal("leak", global);
                }
                session.insert(new Assessment(34, SuicideRisk.NONE, 12, LevelOfCare.OUTPATIENT, Payer.TRICARE));
                for (Dimension dimension : Dimension.values()) {
                    session.insert(new DimensionRating(dimension, dimension == Dimension.D3 ? 2 : 1));
                }
                session.insert(new Diagnosis("F41.1"));
                session.fireAllRules();
                if (attempt.effect() == Effect.LATE) {
                    // A pseudo clock: the timer's second passes at once, with no waiting in the test.
                    Diagnosis late = new Diagnosis("leak:late");
                    assertThat(new ArrayList<Object>(session.getObjects())).as("not yet when the decision is read").doesNotContain(late);
                    ((org.kie.api.time.SessionPseudoClock) session.getSessionClock()).advanceTime(2, TimeUnit.SECONDS);
                    session.fireAllRules();
                }
                if ("hit".equals(session.getEnvironment().get(MARK))) {
                    System.setProperty(MARK, "hit");
                }
                facts = new ArrayList<>(session.getObjects());
            } finally {
                session.dispose();
            }
        }
        return attempt.effect() == Effect.GLOBAL ? global : facts;
    }

    private static org.kie.api.runtime.KieSessionConfiguration pseudoClock() {
        org.kie.api.runtime.KieSessionConfiguration configuration = KieServices.get().newKieSessionConfiguration();
        configuration.setOption(org.kie.api.runtime.conf.ClockTypeOption.PSEUDO);
        return configuration;
    }

    private int exitCodeOfChildRunning(String path, String source) throws IOException, InterruptedException {
        Path drl = temp.resolve("attempt.drl");
        Files.writeString(drl, source);
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RedTeamChild.class.getName(), path, drl.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child finished").isTrue();
        return child.exitValue();
    }

    /** Builds and runs one attempt in a JVM of its own, for attempts that end the JVM. */
    static final class RedTeamChild {
        public static void main(String[] args) throws Exception {
            Map<String, String> sources = new LinkedHashMap<>();
            sources.put(args[0], Files.readString(Path.of(args[1])));
            KieBase kieBase = build(args[0], sources.get(args[0]));
            decide(kieBase, new Attempt("child", args[0], "", Effect.PROPERTY, "", 0, null));
            System.exit(0);
        }
    }
}
