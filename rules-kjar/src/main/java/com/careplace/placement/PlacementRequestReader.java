package com.careplace.placement;

import com.careplace.placement.facts.Category;
import com.careplace.placement.vocabulary.RequestField;
import com.careplace.placement.vocabulary.Vocabulary;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Validates a placement request exactly as the spec's input table says and turns it into a
 * {@link PlacementRequest}. The input is the JSON tree as any JSON (or YAML) parser gives it:
 * {@link Map} for objects, {@link List} for arrays, {@link String}, {@link Number}, {@link Boolean}
 * and {@code null}. Types are strict: no coercion of strings to numbers, fractions to integers or
 * booleans to anything. Every offending field is reported, not just the first. Payers and levels are
 * those of the release's {@link Vocabulary}, and so are the optional fields its request schema adds.
 */
public final class PlacementRequestReader {

    /** The request's fields, in the spec's order. */
    public static final List<String> FIELDS = List.of("requestId", "age", "diagnoses", "dimensions",
            "suicideRisk", "availableHoursPerWeek", "currentLevel", "payer");
    public static final int MAX_DIAGNOSES = 50;
    public static final int MAX_REQUEST_ID_LENGTH = 64;

    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern ICD10_CM = Pattern.compile("^[A-TV-Z][0-9][0-9AB](\\.[0-9A-TV-Z]{1,4})?$");
    private static final Set<String> DIMENSION_FIELDS = Arrays.stream(Dimension.values())
            .map(Dimension::field).collect(Collectors.toUnmodifiableSet());

    private PlacementRequestReader() {
    }

    /**
     * Reads one request in release 1.0.0's words ({@link Vocabulary#baseline()}).
     *
     * @param json the parsed JSON body
     * @return the validated request
     * @throws InvalidPlacementRequestException naming every offending field
     */
    public static PlacementRequest read(Object json) {
        return read(json, Vocabulary.baseline());
    }

    /**
     * Reads one request in the words of the release that will answer it.
     *
     * @param json       the parsed JSON body
     * @param vocabulary that release's vocabulary and request schema
     * @return the validated request
     * @throws InvalidPlacementRequestException naming every offending field
     */
    public static PlacementRequest read(Object json, Vocabulary vocabulary) {
        List<FieldError> errors = new ArrayList<>();
        if (!(json instanceof Map<?, ?> body)) {
            throw new InvalidPlacementRequestException(List.of(new FieldError("$",
                    "the request must be a JSON object, got " + typeName(json))));
        }
        List<String> known = new ArrayList<>(FIELDS);
        vocabulary.requestFields().forEach(f -> known.add(f.name()));
        for (Object key : body.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                errors.add(new FieldError(String.valueOf(key), "unknown field; expected only " + known));
            }
        }
        String requestId = readRequestId(body, errors);
        Integer age = readInt(body, "age", "age", 0, 120, true, errors);
        List<String> diagnoses = readDiagnoses(body, errors);
        Dimensions dimensions = readDimensions(body, errors);
        SuicideRisk suicideRisk = readEnum(body, "suicideRisk", SuicideRisk.class, SuicideRisk.NONE, errors);
        Integer hours = readInt(body, "availableHoursPerWeek", "availableHoursPerWeek", 0, 168, true, errors);
        LevelOfCare currentLevel = readLevel(body, "currentLevel", vocabulary, errors);
        Payer payer = readPayer(body, "payer", vocabulary, true, errors);
        Map<String, Object> additional = new LinkedHashMap<>();
        for (RequestField field : vocabulary.requestFields()) {
            Object value = readAdditional(body, field, vocabulary, errors);
            if (value != null) {
                additional.put(field.name(), value);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidPlacementRequestException(errors);
        }
        return new PlacementRequest(requestId, age, diagnoses, dimensions, suicideRisk, hours, currentLevel, payer, additional);
    }

    private static Object readAdditional(Map<?, ?> body, RequestField field, Vocabulary vocabulary, List<FieldError> errors) {
        if (body.get(field.name()) == null) {
            return null; // added fields are optional
        }
        return switch (field.type()) {
            case INTEGER -> readInt(body, field.name(), field.name(), field.minimum(), field.maximum(), false, errors);
            case BOOLEAN -> {
                if (body.get(field.name()) instanceof Boolean value) {
                    yield value;
                }
                errors.add(new FieldError(field.name(), "must be true or false, got " + typeName(body.get(field.name()))));
                yield null;
            }
            case LEVEL_OF_CARE -> readLevel(body, field.name(), vocabulary, errors);
            case PAYER -> readPayer(body, field.name(), vocabulary, false, errors);
            case DIAGNOSIS_CATEGORY -> readCode(body, field.name(), "a diagnosis category",
                    vocabulary.categories().stream().map(Category::code).toList(), errors).flatMap(vocabulary::category).orElse(null);
        };
    }

    private static String readRequestId(Map<?, ?> body, List<FieldError> errors) {
        Object value = body.get("requestId");
        if (value == null) {
            return null;
        }
        if (!(value instanceof String id)) {
            errors.add(new FieldError("requestId", "must be a string, got " + typeName(value)));
            return null;
        }
        if (!REQUEST_ID.matcher(id).matches()) {
            errors.add(new FieldError("requestId", "must be 1 to " + MAX_REQUEST_ID_LENGTH
                    + " characters of letters, digits, '.', '_', ':' or '-'"));
            return null;
        }
        return id;
    }

    private static Integer readInt(Map<?, ?> container, String key, String path, int min, int max,
                                   boolean required, List<FieldError> errors) {
        if (!container.containsKey(key) || container.get(key) == null) {
            if (required) {
                errors.add(new FieldError(path, "is required: an integer " + min + ".." + max));
            }
            return null;
        }
        Object value = container.get(key);
        Long number = integerValue(value);
        if (number == null) {
            errors.add(new FieldError(path, "must be an integer " + min + ".." + max + ", got " + typeName(value)));
            return null;
        }
        if (number < min || number > max) {
            errors.add(new FieldError(path, "must be " + min + ".." + max + ", got " + number));
            return null;
        }
        return number.intValue();
    }

    /** The value as a long when it is a JSON integer within long range; {@code null} for any other type. */
    private static Long integerValue(Object value) {
        return switch (value) {
            case Integer i -> i.longValue();
            case Long l -> l;
            case Short s -> s.longValue();
            case Byte b -> b.longValue();
            case BigInteger big -> big.bitLength() < 64 ? big.longValue() : Long.MAX_VALUE;
            // A parser that reads every number as BigDecimal keeps the literal's scale: 12 has scale 0, 12.0 has 1.
            case BigDecimal dec when dec.scale() <= 0 -> dec.toBigInteger().bitLength() < 64 ? dec.longValue() : Long.MAX_VALUE;
            default -> null;
        };
    }

    private static List<String> readDiagnoses(Map<?, ?> body, List<FieldError> errors) {
        Object value = body.get("diagnoses");
        if (value == null) {
            errors.add(new FieldError("diagnoses", "is required: an array of ICD-10-CM codes (may be empty)"));
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            errors.add(new FieldError("diagnoses", "must be an array of ICD-10-CM codes, got " + typeName(value)));
            return List.of();
        }
        if (list.size() > MAX_DIAGNOSES) {
            errors.add(new FieldError("diagnoses", "must hold at most " + MAX_DIAGNOSES + " codes, got " + list.size()));
            return List.of();
        }
        List<String> codes = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            String path = "diagnoses[" + i + "]";
            if (!(item instanceof String code)) {
                errors.add(new FieldError(path, "must be an ICD-10-CM code as a string, got " + typeName(item)));
                continue;
            }
            String upper = code.toUpperCase(Locale.ROOT);
            if (!ICD10_CM.matcher(upper).matches()) {
                errors.add(new FieldError(path, "'" + abbreviate(code) + "' is not an ICD-10-CM code (e.g. F10.20)"));
                continue;
            }
            codes.add(upper);
        }
        return codes;
    }

    private static Dimensions readDimensions(Map<?, ?> body, List<FieldError> errors) {
        Object value = body.get("dimensions");
        if (value == null) {
            errors.add(new FieldError("dimensions", "is required: an object with d1..d6, each an integer 0..4"));
            return null;
        }
        if (!(value instanceof Map<?, ?> dims)) {
            errors.add(new FieldError("dimensions", "must be an object with d1..d6, got " + typeName(value)));
            return null;
        }
        for (Object key : dims.keySet()) {
            if (!DIMENSION_FIELDS.contains(String.valueOf(key))) {
                errors.add(new FieldError("dimensions." + key, "unknown dimension; expected d1..d6"));
            }
        }
        int[] ratings = new int[6];
        boolean complete = true;
        for (Dimension dimension : Dimension.values()) {
            Integer rating = readInt(dims, dimension.field(), "dimensions." + dimension.field(), 0, 4, true, errors);
            if (rating == null) {
                complete = false;
            } else {
                ratings[dimension.ordinal()] = rating;
            }
        }
        return complete ? new Dimensions(ratings[0], ratings[1], ratings[2], ratings[3], ratings[4], ratings[5]) : null;
    }

    private static <E extends Enum<E>> E readEnum(Map<?, ?> body, String field, Class<E> type, E fallback,
                                                  List<FieldError> errors) {
        Object value = body.get(field);
        String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        if (value == null) {
            if (fallback == null) {
                errors.add(new FieldError(field, "is required: one of " + allowed));
            }
            return fallback;
        }
        if (value instanceof String name) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(name)) {
                    return constant;
                }
            }
            errors.add(new FieldError(field, "'" + abbreviate(name) + "' is not one of " + allowed));
        } else {
            errors.add(new FieldError(field, "must be a string, one of " + allowed + ", got " + typeName(value)));
        }
        return fallback;
    }

    private static LevelOfCare readLevel(Map<?, ?> body, String field, Vocabulary vocabulary, List<FieldError> errors) {
        Object value = body.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String code)) {
            errors.add(new FieldError(field, "must be a level code as a string (e.g. \"2.5\"), got " + typeName(value)));
            return null;
        }
        return vocabulary.levelOfCare(code).orElseGet(() -> {
            errors.add(new FieldError(field, "'" + abbreviate(code) + "' is not a level of care; expected one of "
                    + String.join(", ", vocabulary.levelsOfCare().stream().map(LevelOfCare::code).toList())));
            return null;
        });
    }

    private static Payer readPayer(Map<?, ?> body, String field, Vocabulary vocabulary, boolean required, List<FieldError> errors) {
        List<String> allowed = vocabulary.payers().stream().map(Payer::code).toList();
        if (body.get(field) == null) {
            if (required) {
                errors.add(new FieldError(field, "is required: one of " + String.join(", ", allowed)));
            }
            return null;
        }
        return readCode(body, field, "a payer", allowed, errors).flatMap(vocabulary::payer).orElse(null);
    }

    /** A string that must be one of {@code allowed}; empty (with the error recorded) otherwise. */
    private static java.util.Optional<String> readCode(Map<?, ?> body, String field, String what, List<String> allowed,
                                                       List<FieldError> errors) {
        Object value = body.get(field);
        String list = String.join(", ", allowed);
        if (!(value instanceof String code)) {
            errors.add(new FieldError(field, "must be a string, one of " + list + ", got " + typeName(value)));
            return java.util.Optional.empty();
        }
        if (!allowed.contains(code)) {
            errors.add(new FieldError(field, "'" + abbreviate(code) + "' is not one of " + list));
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(code);
    }

    private static String typeName(Object value) {
        return switch (value) {
            case null -> "null";
            case String s -> "a string";
            case Boolean b -> "a boolean";
            case Number n when integerValue(n) != null -> "a number";
            case Number n -> "a fractional number";
            case List<?> l -> "an array";
            case Map<?, ?> m -> "an object";
            default -> value.getClass().getSimpleName();
        };
    }

    /** Echoes at most a short prefix of what the caller sent: enough to spot the typo, not a place to leak data. */
    private static String abbreviate(String text) {
        return text.length() <= 20 ? text : text.substring(0, 20) + "…";
    }
}
