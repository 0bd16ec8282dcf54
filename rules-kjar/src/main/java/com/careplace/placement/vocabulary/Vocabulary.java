package com.careplace.placement.vocabulary;

import com.careplace.placement.LevelOfCare;
import com.careplace.placement.Payer;
import com.careplace.placement.facts.Category;
import com.careplace.placement.facts.IopReason;
import com.careplace.placement.facts.PayerRequirementCode;
import com.careplace.placement.facts.PayerWarning;
import org.drools.decisiontable.parser.csv.CsvLineParser;

import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.kie.api.builder.KieModule;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The words a release's rules are written in: its levels of care (ordered lowest first), payers,
 * diagnosis categories, IOP reasons, payer requirement and warning codes, and the optional fields its
 * request schema adds. A release carries them as CSV files under {@value #FOLDER}, one per {@link Part};
 * a kjar without them (release 1.0.0 as first built) speaks the {@link #baseline()} vocabulary.
 *
 * <p>While a release evaluates, its vocabulary is {@link #current()} (a scoped value bound by
 * {@link #within}), so that {@code LevelOfCare.of("2.7")} and {@code level.isAbove(…)} in a rule mean
 * what that release says. Immutable and thread-safe.
 */
public final class Vocabulary implements java.io.Serializable {

    /** Where the vocabulary files live in a kjar and among a change request's assets. */
    public static final String FOLDER = "com/careplace/vocabulary/";

    /** The request fields of the spec, which an added field may not be named like. */
    public static final Set<String> SPEC_FIELDS = Set.of("requestId", "age", "diagnoses", "dimensions", "suicideRisk",
            "availableHoursPerWeek", "currentLevel", "payer");

    private static final ScopedValue<Vocabulary> CURRENT = ScopedValue.newInstance();
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    private static final Pattern LEVEL_CODE = Pattern.compile("[0-9]{1,2}(\\.[0-9]{1,2})?");
    private static final Pattern FIELD_NAME = Pattern.compile("[a-z][A-Za-z0-9]{0,63}");
    private static final int MAX_ENTRIES = 1000;
    private static final int MAX_TEXT = 500;
    private static volatile Vocabulary baseline;

    /** The vocabulary files, in the order the workbench lists them. */
    public enum Part {
        LEVELS_OF_CARE("levels-of-care.csv", "Levels of care", List.of("Code", "Name")),
        PAYERS("payers.csv", "Payers", List.of("Code", "Name")),
        DIAGNOSIS_CATEGORIES("diagnosis-categories.csv", "Diagnosis categories", List.of("Code", "Name", "Qualifies for IOP")),
        IOP_REASONS("iop-reasons.csv", "IOP reasons", List.of("Code", "Message")),
        PAYER_REQUIREMENTS("payer-requirements.csv", "Payer requirements", List.of("Code", "Name")),
        PAYER_WARNINGS("payer-warnings.csv", "Payer warnings", List.of("Code", "Message")),
        REQUEST_FIELDS("request-fields.csv", "Request fields", List.of("Field", "Type", "Minimum", "Maximum", "Description"));

        private final String fileName;
        private final String title;
        private final List<String> columns;

        Part(String fileName, String title, List<String> columns) {
            this.fileName = fileName;
            this.title = title;
            this.columns = columns;
        }

        /** The file's path in a kjar, e.g. {@code com/careplace/vocabulary/payers.csv}. */
        public String path() {
            return FOLDER + fileName;
        }

        /** What clinicians call it: {@code Payers}. */
        public String title() {
            return title;
        }

        /** The header row of the file. */
        public List<String> columns() {
            return columns;
        }

        /** The part stored at {@code path}, if it is a vocabulary file. */
        public static Optional<Part> ofPath(String path) {
            return Arrays.stream(values()).filter(p -> p.path().equals(path)).findFirst();
        }
    }

    private final List<LevelOfCare> levels;
    private final List<Payer> payers;
    private final List<Category> categories;
    private final List<IopReason> iopReasons;
    private final List<PayerRequirementCode> payerRequirements;
    private final List<PayerWarning> payerWarnings;
    private final List<RequestField> requestFields;
    private final Map<String, Integer> levelRanks = new HashMap<>();

    private Vocabulary(List<LevelOfCare> levels, List<Payer> payers, List<Category> categories, List<IopReason> iopReasons,
                       List<PayerRequirementCode> payerRequirements, List<PayerWarning> payerWarnings,
                       List<RequestField> requestFields) {
        this.levels = List.copyOf(levels);
        this.payers = List.copyOf(payers);
        this.categories = List.copyOf(categories);
        this.iopReasons = List.copyOf(iopReasons);
        this.payerRequirements = List.copyOf(payerRequirements);
        this.payerWarnings = List.copyOf(payerWarnings);
        this.requestFields = List.copyOf(requestFields);
        for (int i = 0; i < levels.size(); i++) {
            levelRanks.put(levels.get(i).code(), i);
        }
    }

    // ---- where a vocabulary comes from

    /** Release 1.0.0's vocabulary, as the spec gives it: what a kjar without vocabulary files speaks. */
    public static Vocabulary baseline() {
        Vocabulary known = baseline;
        if (known == null) {
            known = read(path -> {
                try (InputStream in = Vocabulary.class.getClassLoader().getResourceAsStream(path)) {
                    return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, true);
            baseline = known;
        }
        return known;
    }

    /**
     * Reads the vocabulary files of a KIE module as Drools read it from its kjar; the {@link #baseline()}
     * when it has none. (A container's class loader would not do: it asks the application's class path
     * first, which holds the baseline's files.)
     *
     * @throws InvalidVocabularyException when the files are incomplete or wrong
     */
    public static Vocabulary fromModule(KieModule module) {
        InternalKieModule internal = (InternalKieModule) module;
        Map<String, String> files = new HashMap<>();
        for (Part part : Part.values()) {
            byte[] bytes = internal.getBytes(part.path());
            if (bytes != null) {
                files.put(part.path(), new String(bytes, StandardCharsets.UTF_8));
            }
        }
        return fromFiles(files);
    }

    /**
     * Reads the vocabulary files of kjar bytes; the {@link #baseline()} when it has none.
     *
     * @throws InvalidVocabularyException when the files are incomplete or wrong
     */
    public static Vocabulary fromKjar(byte[] kjar) {
        Map<String, String> files = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(kjar))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (Part.ofPath(entry.getName()).isPresent()) {
                    files.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fromFiles(files);
    }

    /**
     * Reads vocabulary files given as path to text (other paths are ignored); the {@link #baseline()}
     * when there are none at all.
     *
     * @throws InvalidVocabularyException when some are missing or any is wrong
     */
    public static Vocabulary fromFiles(Map<String, String> files) {
        return read(files::get, false);
    }

    private static Vocabulary read(Function<String, String> file, boolean readingBaseline) {
        Map<Part, String> texts = new LinkedHashMap<>();
        for (Part part : Part.values()) {
            String text = file.apply(part.path());
            if (text != null) {
                texts.put(part, text);
            }
        }
        if (texts.isEmpty() && !readingBaseline) {
            return baseline();
        }
        List<VocabularyProblem> problems = new ArrayList<>();
        Map<Part, List<Row>> rows = new LinkedHashMap<>();
        for (Part part : Part.values()) {
            String text = texts.get(part);
            if (text == null) {
                problems.add(new VocabularyProblem(part.path(), 0, part.title() + " is missing: a release with a vocabulary has all "
                        + Part.values().length + " vocabulary files"));
                rows.put(part, List.of());
            } else {
                rows.put(part, rows(part, text, problems));
            }
        }
        List<LevelOfCare> levels = entries(Part.LEVELS_OF_CARE, rows, problems, LEVEL_CODE,
                "an ASAM level code such as 2.1", r -> new LevelOfCare(r.cell(0), r.cell(1)));
        List<Payer> payers = entries(Part.PAYERS, rows, problems, CODE, null, r -> new Payer(r.cell(0), r.cell(1)));
        List<Category> categories = entries(Part.DIAGNOSIS_CATEGORIES, rows, problems, CODE, null,
                r -> new Category(r.cell(0), r.cell(1), yesNo(r, 2, problems)));
        List<IopReason> reasons = entries(Part.IOP_REASONS, rows, problems, CODE, null, r -> new IopReason(r.cell(0), r.cell(1)));
        List<PayerRequirementCode> requirements = entries(Part.PAYER_REQUIREMENTS, rows, problems, CODE, null,
                r -> new PayerRequirementCode(r.cell(0), r.cell(1)));
        List<PayerWarning> warnings = entries(Part.PAYER_WARNINGS, rows, problems, CODE, null,
                r -> new PayerWarning(r.cell(0), r.cell(1)));
        List<RequestField> fields = requestFields(rows.get(Part.REQUEST_FIELDS), problems);
        if (!problems.isEmpty()) {
            throw new InvalidVocabularyException(problems);
        }
        return new Vocabulary(levels, payers, categories, reasons, requirements, warnings, fields);
    }

    /** One data row of a vocabulary file, cells stripped. */
    private record Row(Part part, int line, List<String> cells) {
        String cell(int i) {
            return i < cells.size() ? cells.get(i) : "";
        }
    }

    private static List<Row> rows(Part part, String text, List<VocabularyProblem> problems) {
        CsvLineParser parser = new CsvLineParser();
        List<String> lines = text.lines().toList();
        List<Row> rows = new ArrayList<>();
        if (lines.isEmpty() || !normalised(parser.parse(lines.getFirst())).equals(normalised(part.columns()))) {
            problems.add(new VocabularyProblem(part.path(), 1, "The first line must be the header " + String.join(",", part.columns())));
            return rows;
        }
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> cells = parser.parse(lines.get(i)).stream().map(String::strip).toList();
            if (cells.size() > part.columns().size() && cells.subList(part.columns().size(), cells.size()).stream().anyMatch(c -> !c.isEmpty())) {
                problems.add(new VocabularyProblem(part.path(), i + 1, "This line has more than the " + part.columns().size()
                        + " columns " + String.join(", ", part.columns())));
            }
            rows.add(new Row(part, i + 1, cells));
        }
        if (rows.size() > MAX_ENTRIES) {
            problems.add(new VocabularyProblem(part.path(), 0, part.title() + " may hold at most " + MAX_ENTRIES + " entries"));
        }
        return rows;
    }

    private static List<String> normalised(List<String> cells) {
        return cells.stream().map(c -> c.strip().toLowerCase(Locale.ROOT)).filter(c -> !c.isEmpty()).toList();
    }

    private static <T> List<T> entries(Part part, Map<Part, List<Row>> rows, List<VocabularyProblem> problems, Pattern code,
                                       String codeHint, Function<Row, T> entry) {
        List<T> entries = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Row row : rows.get(part)) {
            String value = row.cell(0);
            if (!code.matcher(value).matches()) {
                problems.add(new VocabularyProblem(part.path(), row.line(), "'" + abbreviate(value) + "' is not a code: write "
                        + (codeHint != null ? codeHint : "capital letters, digits and _, starting with a letter (e.g. MEDICARE_ADVANTAGE)")));
                continue;
            }
            Integer earlier = seen.putIfAbsent(value, row.line());
            if (earlier != null) {
                problems.add(new VocabularyProblem(part.path(), row.line(), "'" + value + "' is already on line " + earlier));
                continue;
            }
            String text = row.cell(1);
            if (text.isEmpty() || text.length() > MAX_TEXT) {
                problems.add(new VocabularyProblem(part.path(), row.line(), part.columns().get(1) + " of " + value
                        + " must be 1 to " + MAX_TEXT + " characters"));
                continue;
            }
            entries.add(entry.apply(row));
        }
        if (entries.isEmpty() && part != Part.PAYER_WARNINGS && part != Part.PAYER_REQUIREMENTS) {
            problems.add(new VocabularyProblem(part.path(), 0, part.title() + " needs at least one entry"));
        }
        return entries;
    }

    private static Boolean yesNo(Row row, int i, List<VocabularyProblem> problems) {
        return switch (row.cell(i).toLowerCase(Locale.ROOT)) {
            case "yes" -> true;
            case "no" -> false;
            default -> {
                problems.add(new VocabularyProblem(row.part().path(), row.line(), row.part().columns().get(i) + " of " + row.cell(0)
                        + " must be yes or no, not '" + abbreviate(row.cell(i)) + "'"));
                yield false;
            }
        };
    }

    private static List<RequestField> requestFields(List<Row> rows, List<VocabularyProblem> problems) {
        String path = Part.REQUEST_FIELDS.path();
        List<RequestField> fields = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Row row : rows) {
            String name = row.cell(0);
            int before = problems.size();
            if (!FIELD_NAME.matcher(name).matches()) {
                problems.add(new VocabularyProblem(path, row.line(), "'" + abbreviate(name)
                        + "' is not a field name: write letters and digits, starting with a small letter (e.g. pregnant)"));
            } else if (SPEC_FIELDS.contains(name)) {
                problems.add(new VocabularyProblem(path, row.line(), "'" + name + "' is a field of the spec's request already"));
            } else if (seen.putIfAbsent(name, row.line()) != null) {
                problems.add(new VocabularyProblem(path, row.line(), "'" + name + "' is already on line " + seen.get(name)));
            }
            Optional<RequestField.Type> type = RequestField.Type.fromWord(row.cell(1));
            if (type.isEmpty()) {
                problems.add(new VocabularyProblem(path, row.line(), "The type of " + name + " must be one of "
                        + RequestField.Type.words() + ", not '" + abbreviate(row.cell(1)) + "'"));
            }
            Integer minimum = bound(row, 2, problems);
            Integer maximum = bound(row, 3, problems);
            if (type.isPresent() && type.get() == RequestField.Type.INTEGER) {
                if (minimum == null || maximum == null) {
                    problems.add(new VocabularyProblem(path, row.line(), "An integer field (" + name + ") needs a minimum and a maximum"));
                } else if (minimum > maximum) {
                    problems.add(new VocabularyProblem(path, row.line(), "The minimum of " + name + " is above its maximum"));
                }
            } else if (type.isPresent() && (!row.cell(2).isEmpty() || !row.cell(3).isEmpty())) {
                problems.add(new VocabularyProblem(path, row.line(), "Only integer fields have a minimum and a maximum; "
                        + name + " is " + type.get().word()));
            }
            if (row.cell(4).length() > MAX_TEXT) {
                problems.add(new VocabularyProblem(path, row.line(), "The description of " + name + " is longer than " + MAX_TEXT + " characters"));
            }
            if (problems.size() == before) {
                fields.add(new RequestField(name, type.orElseThrow(), minimum, maximum, row.cell(4)));
            }
        }
        return fields;
    }

    private static Integer bound(Row row, int i, List<VocabularyProblem> problems) {
        String text = row.cell(i);
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            problems.add(new VocabularyProblem(row.part().path(), row.line(), row.part().columns().get(i) + " of " + row.cell(0)
                    + " must be a whole number, not '" + abbreviate(text) + "'"));
            return null;
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    // ---- the files again

    /** The vocabulary as the files a release carries: path to CSV text, in {@link Part} order. */
    public Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(Part.LEVELS_OF_CARE.path(), csv(Part.LEVELS_OF_CARE, levels.stream().map(l -> List.of(l.code(), l.title())).toList()));
        files.put(Part.PAYERS.path(), csv(Part.PAYERS, payers.stream().map(p -> List.of(p.code(), p.title())).toList()));
        files.put(Part.DIAGNOSIS_CATEGORIES.path(), csv(Part.DIAGNOSIS_CATEGORIES, categories.stream()
                .map(c -> List.of(c.code(), c.title(), c.qualifiesForIop() ? "yes" : "no")).toList()));
        files.put(Part.IOP_REASONS.path(), csv(Part.IOP_REASONS, iopReasons.stream().map(r -> List.of(r.code(), r.message())).toList()));
        files.put(Part.PAYER_REQUIREMENTS.path(), csv(Part.PAYER_REQUIREMENTS,
                payerRequirements.stream().map(r -> List.of(r.code(), r.title())).toList()));
        files.put(Part.PAYER_WARNINGS.path(), csv(Part.PAYER_WARNINGS, payerWarnings.stream().map(w -> List.of(w.code(), w.message())).toList()));
        files.put(Part.REQUEST_FIELDS.path(), csv(Part.REQUEST_FIELDS, requestFields.stream().map(f -> List.of(f.name(), f.type().word(),
                f.minimum() == null ? "" : f.minimum().toString(), f.maximum() == null ? "" : f.maximum().toString(), f.description())).toList()));
        return files;
    }

    /**
     * The data rows of a vocabulary file as cells, header left out, blank lines skipped: what an editor
     * shows. Reading as {@link #csv} writes, so that {@code csv(part, cells(text))} is {@code text} for a
     * file {@code csv} wrote.
     */
    public static List<List<String>> cells(String text) {
        CsvLineParser parser = new CsvLineParser();
        return text.lines().skip(1).filter(line -> !line.isBlank())
                .map(line -> parser.parse(line).stream().map(String::strip).toList()).toList();
    }

    /** One vocabulary file's text from its rows, quoted as Drools' CSV reader reads it back. */
    public static String csv(Part part, List<List<String>> rows) {
        StringBuilder out = new StringBuilder(String.join(",", part.columns())).append('\n');
        for (List<String> row : rows) {
            out.append(String.join(",", row.stream().map(Vocabulary::quoted).toList())).append('\n');
        }
        return out.toString();
    }

    private static String quoted(String cell) {
        String flat = cell.replace('\n', ' ').replace('\r', ' ');
        return flat.contains(",") || flat.contains("\"") || !flat.equals(flat.strip())
                ? "\"" + flat.replace("\"", "\"\"") + "\"" : flat;
    }

    // ---- evaluating with it

    /** The vocabulary of the release evaluating on this thread; the {@link #baseline()} outside any evaluation. */
    public static Vocabulary current() {
        return CURRENT.isBound() ? CURRENT.get() : baseline();
    }

    /** Runs {@code work} with {@code vocabulary} as the {@link #current()} one. */
    public static <T, X extends Throwable> T within(Vocabulary vocabulary, ScopedValue.CallableOp<T, X> work) throws X {
        return ScopedValue.where(CURRENT, vocabulary).call(work);
    }

    // ---- reading it

    public List<LevelOfCare> levelsOfCare() {
        return levels;
    }

    public List<Payer> payers() {
        return payers;
    }

    public List<Category> categories() {
        return categories;
    }

    public List<IopReason> iopReasons() {
        return iopReasons;
    }

    public List<PayerRequirementCode> payerRequirements() {
        return payerRequirements;
    }

    public List<PayerWarning> payerWarnings() {
        return payerWarnings;
    }

    /** The optional fields the release's request schema adds to the spec's. */
    public List<RequestField> requestFields() {
        return requestFields;
    }

    public Optional<LevelOfCare> levelOfCare(String code) {
        return levels.stream().filter(l -> l.code().equals(code)).findFirst();
    }

    public Optional<Payer> payer(String code) {
        return payers.stream().filter(p -> p.code().equals(code)).findFirst();
    }

    public Optional<Category> category(String code) {
        return categories.stream().filter(c -> c.code().equals(code)).findFirst();
    }

    public Optional<IopReason> iopReason(String code) {
        return iopReasons.stream().filter(r -> r.code().equals(code)).findFirst();
    }

    public Optional<PayerRequirementCode> payerRequirement(String code) {
        return payerRequirements.stream().filter(r -> r.code().equals(code)).findFirst();
    }

    public Optional<PayerWarning> payerWarning(String code) {
        return payerWarnings.stream().filter(w -> w.code().equals(code)).findFirst();
    }

    public Optional<RequestField> requestField(String name) {
        return requestFields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /**
     * Where {@code level} stands in this release's order, lowest 0.
     *
     * @throws IllegalArgumentException when the release has no such level
     */
    public int rank(LevelOfCare level) {
        Integer rank = levelRanks.get(level.code());
        if (rank == null) {
            throw new IllegalArgumentException("'" + level.code() + "' is not a level of care of this release; expected one of "
                    + String.join(", ", levels.stream().map(LevelOfCare::code).toList()));
        }
        return rank;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Vocabulary v && v.files().equals(files());
    }

    @Override
    public int hashCode() {
        return files().hashCode();
    }
}
