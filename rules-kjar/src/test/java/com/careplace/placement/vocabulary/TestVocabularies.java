package com.careplace.placement.vocabulary;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fixtures shared by the vocabulary tests: the bundled 1.0.0 rule sources, and a vocabulary edited the
 * way clinicians edit one in the workbench (entries added, levels inserted between others).
 */
public final class TestVocabularies {

    public static final String RULES = "com/careplace/rules/";
    public static final List<String> RULE_FILES = List.of("placement.drl", "iop-eligibility.drl",
            "diagnosis-categories.drl.csv", "dimension-levels.drl.csv", "payer-requirements.drl.csv");
    public static final String PREGNANCY_MESSAGE = "Pregnancy needs obstetric care that IOP does not provide.";

    private TestVocabularies() {
    }

    /** The 1.0.0 rule sources from the classpath, path to text, as RulePolicyTest loads them. */
    public static Map<String, String> bundledRuleSources() {
        Map<String, String> sources = new LinkedHashMap<>();
        for (String name : RULE_FILES) {
            sources.put(RULES + name, resource(RULES + name));
        }
        return sources;
    }

    public static String resource(String path) {
        try (InputStream in = TestVocabularies.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new AssertionError("no resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The baseline files with: payer MEDICARE_ADVANTAGE; levels 1.7 (between 1 and 2.1) and 2.7 (between
     * 2.5 and 3.1); category OBSESSIVE_COMPULSIVE, qualifying for IOP; IOP exclusion
     * PREGNANCY_NEEDS_OBSTETRIC_CARE (after UNSAFE_RECOVERY_ENVIRONMENT, before INSUFFICIENT_AVAILABILITY);
     * requirement CONCURRENT_REVIEW; request fields {@code pregnant} (boolean) and
     * {@code gestationalWeeks} (integer 1..42).
     */
    public static Map<String, String> editedFiles() {
        Map<String, String> files = new LinkedHashMap<>(Vocabulary.baseline().files());
        edit(files, Vocabulary.Part.PAYERS, text -> text + "MEDICARE_ADVANTAGE,Medicare Advantage\n");
        edit(files, Vocabulary.Part.LEVELS_OF_CARE, text -> insertAfter(insertAfter(text,
                "1,", "1.7,Medically Managed Outpatient"), "2.5,", "2.7,Medically Managed Intensive Outpatient"));
        edit(files, Vocabulary.Part.DIAGNOSIS_CATEGORIES, text -> insertAfter(text,
                "SELF_HARM,", "OBSESSIVE_COMPULSIVE,Obsessive-compulsive disorder,yes"));
        edit(files, Vocabulary.Part.IOP_REASONS, text -> insertAfter(text,
                "UNSAFE_RECOVERY_ENVIRONMENT,", "PREGNANCY_NEEDS_OBSTETRIC_CARE," + PREGNANCY_MESSAGE));
        edit(files, Vocabulary.Part.PAYER_REQUIREMENTS, text -> text + "CONCURRENT_REVIEW,Concurrent review\n");
        edit(files, Vocabulary.Part.REQUEST_FIELDS, text -> text
                + "pregnant,boolean,,,Whether the patient is pregnant\n"
                + "gestationalWeeks,integer,1,42,Completed weeks of pregnancy\n");
        return files;
    }

    public static Vocabulary edited() {
        return Vocabulary.fromFiles(editedFiles());
    }

    public static void edit(Map<String, String> files, Vocabulary.Part part, java.util.function.UnaryOperator<String> change) {
        files.put(part.path(), change.apply(files.get(part.path())));
    }

    /** {@code text} with {@code line} inserted after the one line that starts with {@code prefix}. */
    public static String insertAfter(String text, String prefix, String line) {
        List<String> lines = text.lines().toList();
        List<String> matching = lines.stream().filter(l -> l.startsWith(prefix)).toList();
        if (matching.size() != 1) {
            throw new AssertionError("expected one line starting with " + prefix + ", got " + matching);
        }
        StringBuilder out = new StringBuilder();
        for (String l : lines) {
            out.append(l).append('\n');
            if (l.startsWith(prefix)) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    /** {@code text} with {@code from} replaced by {@code to}, which must occur exactly once. */
    public static String replaceOnce(String text, String from, String to) {
        int at = text.indexOf(from);
        if (at < 0 || text.indexOf(from, at + 1) >= 0) {
            throw new AssertionError("expected '" + from + "' exactly once");
        }
        return text.replace(from, to);
    }
}
