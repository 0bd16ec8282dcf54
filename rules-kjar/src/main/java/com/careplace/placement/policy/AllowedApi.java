package com.careplace.placement.policy;

import com.careplace.placement.Dimension;
import com.careplace.placement.LevelOfCare;
import com.careplace.placement.Payer;
import com.careplace.placement.SuicideRisk;
import com.careplace.placement.facts.Answer;
import com.careplace.placement.facts.Assessment;
import com.careplace.placement.facts.BaseLevel;
import com.careplace.placement.facts.Category;
import com.careplace.placement.facts.Diagnosis;
import com.careplace.placement.facts.DiagnosisCategory;
import com.careplace.placement.facts.DimensionMinimum;
import com.careplace.placement.facts.DimensionRating;
import com.careplace.placement.facts.IopDetermination;
import com.careplace.placement.facts.IopExclusion;
import com.careplace.placement.facts.IopReason;
import com.careplace.placement.facts.IopStatus;
import com.careplace.placement.facts.LevelOverride;
import com.careplace.placement.facts.PayerMinimumHours;
import com.careplace.placement.facts.PayerRequirement;
import com.careplace.placement.facts.PayerRequirementCode;
import com.careplace.placement.facts.PayerWarning;
import com.careplace.placement.facts.PayerWarningRaised;
import com.careplace.placement.facts.RecommendedLevel;
import com.careplace.placement.facts.WeeklyIopHours;

import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one list of what rule code may touch: the clinical fact model, the engine operations a
 * consequence needs, and a small set of pure JDK types and members. Everything else is refused.
 *
 * <p>Members are matched by declaring type (as the compiler or MVEL resolves them) and name; where a
 * name has an unsafe overload (a capacity constructor that could exhaust memory) the descriptor is
 * named too. Nothing here reads the environment, the clock, randomness, files, the network or
 * threads; nothing takes a lambda, a {@code Class} or a regular expression (which can backtrack for
 * ever). Changing this list changes what authors can do to the server: it is reviewed like code.
 */
final class AllowedApi {

    /** The clinical fact model: every public member of these types is ours, reviewed, and pure. */
    static final Set<Class<?>> FACT_MODEL = Set.of(
            Assessment.class, BaseLevel.class, Category.class, Diagnosis.class, DiagnosisCategory.class,
            DimensionMinimum.class, DimensionRating.class, IopDetermination.class, IopExclusion.class,
            IopReason.class, IopReason.Coded.class, IopStatus.class, LevelOverride.class, PayerMinimumHours.class,
            PayerRequirement.class, PayerRequirementCode.class, PayerWarning.class, PayerWarning.Coded.class,
            PayerWarningRaised.class, RecommendedLevel.class, WeeklyIopHours.class, Answer.class,
            LevelOfCare.class, LevelOfCare.Coded.class, Payer.class, Dimension.class, SuicideRisk.class);

    /** Members of {@code Object} (and so of every allowed type) that are pure. */
    private static final Set<String> OBJECT = Set.of("equals", "hashCode", "toString");

    /** Inherited enum members that are pure; {@code getDeclaringClass} and {@code valueOf(Class, String)} are not. */
    private static final Set<String> ENUM = Set.of("name", "ordinal", "compareTo", "values", "valueOf(Ljava/lang/String;)");

    private static final Set<String> COLLECTION = Set.of("size", "isEmpty", "contains", "containsAll", "add", "addAll",
            "remove", "clear", "get", "indexOf", "lastIndexOf", "getFirst", "getLast", "subList", "set", "of", "copyOf",
            // no-argument and copy constructors only: a capacity argument could exhaust memory
            "<init>()", "<init>(Ljava/util/Collection;)");

    private static final Set<String> MAP = Set.of("size", "isEmpty", "get", "getOrDefault", "containsKey",
            "containsValue", "put", "putIfAbsent", "remove", "clear", "keySet", "values", "of", "copyOf",
            "<init>()", "<init>(Ljava/util/Map;)");

    private static final Set<String> NUMBER = Set.of("valueOf", "intValue", "longValue", "doubleValue", "floatValue",
            "shortValue", "byteValue", "compare", "compareTo", "sum", "max", "min", "signum",
            "parseInt", "parseLong", "parseDouble", "MIN_VALUE", "MAX_VALUE");

    private static final Map<Class<?>, Set<String>> JDK = new HashMap<>();

    static {
        JDK.put(Object.class, Set.of("<init>()"));
        JDK.put(String.class, Set.of("length", "isEmpty", "isBlank", "charAt", "startsWith", "endsWith", "contains",
                "indexOf", "lastIndexOf", "substring", "toUpperCase", "toLowerCase", "strip", "trim", "stripLeading",
                "stripTrailing", "equalsIgnoreCase", "compareTo", "compareToIgnoreCase", "concat", "valueOf",
                "replace(CC)", "replace(Ljava/lang/CharSequence;Ljava/lang/CharSequence;)"));
        JDK.put(CharSequence.class, Set.of("length", "charAt", "isEmpty"));
        JDK.put(Comparable.class, Set.of("compareTo"));
        // StringBuilder: what javac and ECJ emit for string concatenation; no capacity constructor.
        JDK.put(StringBuilder.class, Set.of("<init>()", "<init>(Ljava/lang/String;)", "<init>(Ljava/lang/CharSequence;)",
                "append", "length"));
        for (Class<?> boxed : List.of(Integer.class, Long.class, Double.class, Float.class, Short.class, Byte.class)) {
            JDK.put(boxed, NUMBER);
        }
        JDK.put(Number.class, Set.of("intValue", "longValue", "doubleValue", "floatValue", "shortValue", "byteValue"));
        // Boolean.getBoolean and Integer.getInteger read system properties: not listed.
        JDK.put(Boolean.class, Set.of("valueOf", "booleanValue", "parseBoolean", "compare", "compareTo", "logicalAnd",
                "logicalOr", "logicalXor", "TRUE", "FALSE"));
        JDK.put(Character.class, Set.of("valueOf", "charValue", "isDigit", "isLetter", "isLetterOrDigit",
                "isWhitespace", "isUpperCase", "isLowerCase", "toUpperCase", "toLowerCase", "compare", "compareTo"));
        // Math: every member is pure except random().
        JDK.put(Math.class, Stream.concat(
                Arrays.stream(Math.class.getMethods()).filter(m -> Modifier.isStatic(m.getModifiers()))
                        .map(Method::getName).filter(n -> !n.equals("random")),
                Stream.of("PI", "E")).collect(Collectors.toUnmodifiableSet()));
        JDK.put(Objects.class, Set.of("equals", "hash", "hashCode", "isNull", "nonNull", "requireNonNullElse", "toString",
                "compare"));
        JDK.put(Locale.class, Set.of("ROOT"));
        JDK.put(Optional.class, Set.of("isPresent", "isEmpty", "get", "orElse", "orElseThrow()", "of", "ofNullable",
                "empty"));
        for (Class<?> type : List.<Class<?>>of(Collection.class, List.class, Set.class, ArrayList.class, HashSet.class,
                LinkedHashSet.class, TreeSet.class)) {
            JDK.put(type, COLLECTION);
        }
        for (Class<?> type : List.<Class<?>>of(Map.class, HashMap.class, LinkedHashMap.class, TreeMap.class)) {
            JDK.put(type, MAP);
        }
        JDK.put(Collections.class, Set.of("emptyList", "emptySet", "emptyMap", "singletonList", "singleton",
                "singletonMap", "unmodifiableList", "unmodifiableSet", "unmodifiableMap", "unmodifiableCollection",
                "max(Ljava/util/Collection;)", "min(Ljava/util/Collection;)", "frequency", "disjoint"));
        JDK.put(Arrays.class, Set.of("asList"));
    }

    private AllowedApi() {
    }

    /** Whether code may name {@code type} at all (import it, declare it, cast to it, pattern-match on it). */
    static boolean isAllowedType(Class<?> type) {
        while (type.isArray()) {
            type = type.getComponentType();
        }
        return type.isPrimitive() || FACT_MODEL.contains(type) || JDK.containsKey(type) || type == Enum.class
                || type == Number.class;
    }

    /** Whether a type given by its binary name (dots) is allowed, without loading anything else. */
    static boolean isAllowedTypeName(String binaryName) {
        return allowedTypeByName(binaryName).isPresent();
    }

    static Optional<Class<?>> allowedTypeByName(String binaryName) {
        for (Class<?> type : FACT_MODEL) {
            if (type.getName().equals(binaryName) || type.getCanonicalName().equals(binaryName)) {
                return Optional.of(type);
            }
        }
        for (Class<?> type : JDK.keySet()) {
            if (type.getName().equals(binaryName)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether code may use member {@code name} (a method, constructor {@code <init>} or field) with
     * JVM descriptor {@code descriptor} (parameters only, e.g. {@code (Ljava/lang/String;)}; may be
     * {@code null} for fields), reached through a value or class of static type {@code owner}.
     */
    static boolean isAllowedMember(Class<?> owner, String name, String descriptor) {
        if (owner.isArray()) {
            return name.equals("length");
        }
        if (OBJECT.contains(name) && isAllowedType(owner)) {
            return true;
        }
        if (FACT_MODEL.contains(owner)) {
            if (owner.isEnum() && matches(ENUM, name, descriptor)) {
                return true;
            }
            return declaredPublicly(owner, name);
        }
        Set<String> listed = JDK.get(owner);
        return listed != null && matches(listed, name, descriptor);
    }

    private static final Map<String, Boolean> DECLARED = new java.util.concurrent.ConcurrentHashMap<>();

    /** A fact type's own public members, or a record's accessors; never anything inherited from the JDK. */
    private static boolean declaredPublicly(Class<?> owner, String name) {
        return DECLARED.computeIfAbsent(owner.getName() + "#" + name, key -> lookUpDeclared(owner, name));
    }

    private static boolean lookUpDeclared(Class<?> owner, String name) {
        if (name.equals("<init>")) {
            return Arrays.stream(owner.getConstructors()).findAny().isPresent();
        }
        if (name.equals("getDeclaringClass") || name.equals("describeConstable")) {
            return false;
        }
        List<Member> members = new ArrayList<>();
        members.addAll(Arrays.asList(owner.getDeclaredMethods()));
        members.addAll(Arrays.asList(owner.getDeclaredFields()));
        for (Member member : members) {
            if (member.getName().equals(name) && Modifier.isPublic(member.getModifiers()) && !member.isSynthetic()) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(Set<String> listed, String name, String descriptor) {
        if (listed.contains(name)) {
            return true;
        }
        if (descriptor == null) {
            return false;
        }
        String parameters = descriptor.contains(")") ? descriptor.substring(0, descriptor.indexOf(')') + 1) : descriptor;
        return listed.contains(name + parameters);
    }

    /** JVM parameter descriptor of a method or constructor: {@code (ILjava/lang/String;)}. */
    static String parameters(Executable executable) {
        StringBuilder descriptor = new StringBuilder("(");
        for (Class<?> parameter : executable.getParameterTypes()) {
            descriptor.append(parameter.descriptorString());
        }
        return descriptor.append(')').toString();
    }

    /** Whether a public field may be read: fact-model fields and the listed JDK constants. */
    static boolean isAllowedField(Class<?> owner, Field field) {
        return isAllowedMember(owner, field.getName(), null);
    }
}
