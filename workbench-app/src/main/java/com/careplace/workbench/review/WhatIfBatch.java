package com.careplace.workbench.review;

import com.careplace.placement.FieldError;
import com.careplace.placement.InvalidPlacementRequestException;
import com.careplace.placement.PlacementRequest;
import com.careplace.placement.PlacementRequestReader;
import com.careplace.placement.vocabulary.Vocabulary;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cases someone brings for a what-if: NDJSON (one placement request per line, as the API takes it) or CSV with
 * a header row of the request's fields ({@code d1}…{@code d6} for the ratings, diagnoses separated by spaces or
 * semicolons). Each case is read as the API reads a request; a case that does not read is reported by line and
 * field, and every other case is kept.
 *
 * @param cases   the cases that read, in file order
 * @param lines   the file line of each case, same order
 * @param invalid what is wrong, one entry per field: {@code line 4: age: must be an integer}
 */
public record WhatIfBatch(List<PlacementRequest> cases, List<Integer> lines, List<String> invalid) {

    /** A batch is for a screen, not a bulk job: beyond this the log replay is the tool. */
    public static final int MOST_CASES = 10_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> NUMBERS = List.of("age", "availableHoursPerWeek", "d1", "d2", "d3", "d4", "d5", "d6");

    public WhatIfBatch {
        cases = List.copyOf(cases);
        lines = List.copyOf(lines);
        invalid = List.copyOf(invalid);
    }

    /**
     * Reads a batch. NDJSON when the first non-blank character is <code>{</code>, CSV otherwise.
     *
     * @throws IllegalArgumentException when it holds more than {@link #MOST_CASES} cases or no header row
     */
    public static WhatIfBatch read(String text, Vocabulary vocabulary) {
        String clean = text.startsWith("\uFEFF") ? text.substring(1) : text; // Excel's "CSV UTF-8" starts with a byte-order mark
        return clean.strip().startsWith("{") ? ndjson(clean, vocabulary) : csv(clean, vocabulary);
    }

    @Override
    public String toString() {
        return "WhatIfBatch[" + cases.size() + " cases, " + invalid.size() + " problems]"; // never the cases: patient data
    }

    private static WhatIfBatch ndjson(String text, Vocabulary vocabulary) {
        List<PlacementRequest> cases = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        int read = 0;
        String[] all = text.split("\r?\n", -1);
        for (int i = 0; i < all.length; i++) {
            if (all[i].isBlank()) {
                continue;
            }
            limit(++read);
            int line = i + 1;
            try {
                cases.add(PlacementRequestReader.read(JSON.readValue(all[i], Object.class), vocabulary));
                lines.add(line);
            } catch (JacksonException e) {
                invalid.add("line " + line + ": not JSON (" + e.getOriginalMessage() + ")");
            } catch (InvalidPlacementRequestException e) {
                e.errors().forEach(error -> invalid.add(describe(line, error)));
            }
        }
        return new WhatIfBatch(cases, lines, invalid);
    }

    private static WhatIfBatch csv(String text, Vocabulary vocabulary) {
        List<PlacementRequest> cases = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setTrim(true).get();
        try (CSVParser parser = CSVParser.parse(text, format)) {
            if (parser.getHeaderNames().isEmpty()) {
                throw new IllegalArgumentException("The first row must name the fields: age, diagnoses, d1 … d6, availableHoursPerWeek, payer …");
            }
            int read = 0;
            for (CSVRecord record : parser) {
                limit(++read);
                int line = (int) record.getParser().getCurrentLineNumber();
                try {
                    cases.add(PlacementRequestReader.read(request(record), vocabulary));
                    lines.add(line);
                } catch (InvalidPlacementRequestException e) {
                    e.errors().forEach(error -> invalid.add(describe(line, error)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException("Not a CSV file the batch can read: " + e.getMessage(), e);
        }
        return new WhatIfBatch(cases, lines, invalid);
    }

    /** A CSV row as the request JSON would be: numbers as numbers, ratings under {@code dimensions}, empty cells left out. */
    private static Map<String, Object> request(CSVRecord record) {
        Map<String, Object> request = new LinkedHashMap<>();
        Map<String, Object> dimensions = new LinkedHashMap<>();
        record.toMap().forEach((field, value) -> {
            if (value == null || value.isBlank()) {
                return;
            }
            Object typed = NUMBERS.contains(field) ? number(value) : value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")
                    ? Boolean.valueOf(value.toLowerCase()) : value;
            if (field.matches("d[1-6]")) {
                dimensions.put(field, typed);
            } else if (field.equals("diagnoses")) {
                request.put(field, Arrays.stream(value.split("[;\\s]+")).filter(code -> !code.isBlank()).toList());
            } else {
                request.put(field, typed);
            }
        });
        request.putIfAbsent("diagnoses", List.of());
        if (!dimensions.isEmpty()) {
            request.put("dimensions", dimensions);
        }
        return request;
    }

    /** A whole number as a number; anything else as typed, for the reader to name. */
    private static Object number(String value) {
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return value;
        }
    }

    private static String describe(int line, FieldError error) {
        return "line " + line + ": " + (error.field() == null || error.field().isEmpty() ? "" : error.field() + ": ") + error.message();
    }

    private static void limit(int read) {
        if (read > MOST_CASES) {
            throw new IllegalArgumentException("More than " + MOST_CASES + " cases: replay the decision log for more");
        }
    }
}
