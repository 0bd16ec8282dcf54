package com.careplace.placement.policy;

import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.FieldModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.Instruction;
import java.lang.classfile.Label;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.DiscontinuedInstruction;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LoadInstruction;
import java.lang.classfile.instruction.LineNumber;
import java.lang.classfile.instruction.LookupSwitchInstruction;
import java.lang.classfile.instruction.MonitorInstruction;
import java.lang.classfile.instruction.NewMultiArrayInstruction;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.lang.classfile.instruction.NewPrimitiveArrayInstruction;
import java.lang.classfile.instruction.NewReferenceArrayInstruction;
import java.lang.classfile.instruction.SwitchCase;
import java.lang.classfile.instruction.TableSwitchInstruction;
import java.lang.classfile.instruction.TypeCheckInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDesc;
import java.lang.constant.ConstantDescs;
import java.lang.reflect.AccessFlag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The compiled half of {@link RulePolicy}: reads every class Drools compiled from a package's Java
 * (consequences, {@code eval}s) with the JDK's class-file API, and allows only what
 * {@link AllowedApi} lists. Bytecode names the exact class and member each instruction reaches,
 * after the compiler resolved every name, so computed class names, escapes and odd spellings of
 * source change nothing here.
 *
 * <p>Beyond member access it refuses what could keep a decision from ending or carry state from one
 * patient to the next: backward jumps (every loop), calls into rule classes (recursion, injected
 * methods), fields, locks, lambdas and method handles, arrays of non-constant size, extra classes
 * (anonymous, local, nested or injected top-level ones).
 */
final class BytecodeCheck {

    /** Where a compiled rule class came from. */
    record RuleClass(String rule, String source, int consequenceLine, int javaOffset) {
    }

    private static final String KNOWLEDGE_HELPER = "org/drools/core/rule/consequence/KnowledgeHelper";
    private static final String RULE_CONTEXT = "org/kie/api/runtime/rule/RuleContext";
    private static final Set<String> ENGINE_OPERATIONS = Set.of("insert", "insertLogical", "update", "delete",
            "retract", "getFactHandle");
    /** Masks the modify/update macros pass to the engine: pure value objects. */
    private static final String BIT_MASKS = "org/drools/util/bitmask/";
    /** Wraps an accumulate argument's value for the engine: Drools' template code in the rule class. */
    private static final String FIELD_FACTORY = "org/drools/mvel/field/FieldFactory";
    private static final String COMPILED_INVOKER = "org/drools/base/rule/accessor/CompiledInvoker";
    private static final int MAX_ARRAY = 256;

    private final Map<String, byte[]> classes;
    private final Map<String, RuleClass> ruleClasses;
    private final List<PolicyViolation> violations = new ArrayList<>();

    private BytecodeCheck(Map<String, byte[]> classes, Map<String, RuleClass> ruleClasses) {
        this.classes = classes;
        this.ruleClasses = ruleClasses;
    }

    /**
     * @param classes     the package's compiled classes by resource name ({@code com/x/Rule_a1.class})
     * @param ruleClasses what each rule class (internal name) was compiled from
     */
    static List<PolicyViolation> check(Map<String, byte[]> classes, Map<String, RuleClass> ruleClasses) {
        BytecodeCheck check = new BytecodeCheck(classes, ruleClasses);
        classes.forEach(check::checkClass);
        return check.violations;
    }

    private void checkClass(String resource, byte[] bytes) {
        ClassModel model = ClassFile.of().parse(bytes);
        String name = model.thisClass().asInternalName();
        Optional<String> sourceFile = model.findAttribute(Attributes.sourceFile()).map(s -> s.sourceFile().stringValue());
        if (sourceFile.isEmpty()) {
            checkInvoker(model, name);
            return;
        }
        // Drools compiles one class per rule from source, and some invokers from its own templates, each
        // from a source file of its own name; a class declared inside rule code carries its rule's file name.
        String simple = name.substring(name.lastIndexOf('/') + 1);
        RuleClass origin = ruleClasses.get(name);
        if (sourceFile.get().equals(simple + ".java") && origin == null && isInvokerOfRule(model, name)) {
            checkInvoker(model, name);
            return;
        }
        if (!sourceFile.get().equals(simple + ".java") || origin == null) {
            String outer = sourceFile.get().replace(".java", "");
            RuleClass enclosing = ruleClasses.get(name.substring(0, name.lastIndexOf('/') + 1) + outer);
            report(enclosing, drlLine(enclosing, firstLine(model)), simple,
                    "Classes of your own (anonymous, local or nested classes) are not allowed in rules");
            return;
        }
        if (!model.superclass().map(c -> c.asInternalName().equals("java/lang/Object")).orElse(false)
                || !model.interfaces().isEmpty()) {
            report(origin, 0, simple, "This rule's code declares a class hierarchy, which is not allowed");
        }
        for (FieldModel field : model.fields()) {
            // Drools' rule template declares serialVersionUID; any other field would carry state between patients.
            boolean generated = field.fieldName().equalsString("serialVersionUID") && field.fieldType().equalsString("J")
                    && field.flags().has(AccessFlag.STATIC) && field.flags().has(AccessFlag.FINAL);
            if (!generated) {
                report(origin, 0, field.fieldName().stringValue(),
                        "Fields are not allowed in rules: a rule must not keep anything from one patient to the next");
            }
        }
        for (MethodModel method : model.methods()) {
            method.code().ifPresent(code -> checkCode(origin, name, method, code));
        }
    }

    private void checkCode(RuleClass origin, String self, MethodModel method, CodeModel code) {
        CodeAttribute attribute = (CodeAttribute) code;
        int bci = 0;
        int javaLine = 0;
        Instruction previous = null;
        Instruction beforePrevious = null;
        for (CodeElement element : code.elementList()) {
            if (element instanceof LineNumber number) {
                javaLine = number.line();
                continue;
            }
            if (!(element instanceof Instruction instruction)) {
                continue;
            }
            int line = drlLine(origin, javaLine);
            String refused = refusal(instruction, previous, self, attribute, bci);
            if (refused == null) {
                refused = identityComparison(instruction, previous, beforePrevious);
            }
            if (refused != null) {
                String[] parts = refused.split("\u0000", 2);
                report(origin, line, parts[0], parts[1]);
            }
            beforePrevious = previous;
            previous = instruction;
            bci += instruction.sizeInBytes();
        }
    }

    /** The types that replaced enums: equal by code, so {@code ==} in Java code would compare objects, not entries. */
    private static final java.util.Set<String> VOCABULARY_TYPES = java.util.Set.of("Lcom/careplace/placement/LevelOfCare;",
            "Lcom/careplace/placement/Payer;", "Lcom/careplace/placement/facts/Category;",
            "Lcom/careplace/placement/facts/IopReason;", "Lcom/careplace/placement/facts/PayerRequirementCode;",
            "Lcom/careplace/placement/facts/PayerWarning;");

    /**
     * {@code ==} or {@code !=} on vocabulary entries in Java code (consequences, functions, eval): with enums
     * it compared entries, with records it compares objects, and silently differs. Found when an operand is
     * pushed by a field read, a call or a cast of a vocabulary type (the right operand, or the left one
     * when the right is a local variable). Patterns are unaffected: Drools compares with equals there.
     */
    private static String identityComparison(Instruction instruction, Instruction previous, Instruction beforePrevious) {
        if (instruction.opcode() != Opcode.IF_ACMPEQ && instruction.opcode() != Opcode.IF_ACMPNE) {
            return null;
        }
        String type = vocabularyTypePushed(previous);
        if (type == null && previous instanceof LoadInstruction) {
            type = vocabularyTypePushed(beforePrevious);
        }
        return type == null ? null : "==\u0000`==` and `!=` compare " + type + " objects in Java code, not entries: write "
                + "a.equals(b), or compare in a pattern (Assessment( payer == Payer.MEDICARE ))";
    }

    private static String vocabularyTypePushed(Instruction instruction) {
        String descriptor = switch (instruction) {
            case FieldInstruction field when field.opcode() == Opcode.GETSTATIC || field.opcode() == Opcode.GETFIELD ->
                    field.typeSymbol().descriptorString();
            case InvokeInstruction invoke -> invoke.typeSymbol().returnType().descriptorString();
            case TypeCheckInstruction check when check.opcode() == Opcode.CHECKCAST -> check.type().asSymbol().descriptorString();
            case null, default -> null;
        };
        if (descriptor == null || !VOCABULARY_TYPES.contains(descriptor)) {
            return null;
        }
        return descriptor.substring(descriptor.lastIndexOf('/') + 1, descriptor.length() - 1);
    }

    /** {@code code\0message} when the instruction is refused, else {@code null}. */
    private String refusal(Instruction instruction, Instruction previous, String self, CodeAttribute code, int bci) {
        switch (instruction) {
            case InvokeInstruction invoke -> {
                String owner = invoke.owner().asInternalName();
                String name = invoke.name().stringValue();
                String shown = simpleName(owner) + "." + name;
                if (owner.equals(self) || classes.containsKey(owner + ".class")) {
                    return name + "\u0000Calling other code compiled from rules is not allowed (`" + name + "`)";
                }
                if (owner.equals(KNOWLEDGE_HELPER) || owner.equals(RULE_CONTEXT)) {
                    return ENGINE_OPERATIONS.contains(name) ? null
                            : "drools." + name + "\u0000Rules may only insert, update and delete facts: `drools." + name
                            + "` / `kcontext." + name + "` is not allowed here";
                }
                if (owner.startsWith(BIT_MASKS)
                        || owner.equals(FIELD_FACTORY) && (name.equals("getInstance") || name.equals("getFieldValue"))) {
                    return null;
                }
                Optional<Class<?>> type = load(owner);
                boolean allowedType = type.isPresent() && AllowedApi.isAllowedType(type.get());
                if (!allowedType && name.equals("<init>")) {
                    return null; // its `new` is refused already
                }
                if (!allowedType || !AllowedApi.isAllowedMember(type.get(), name, invoke.type().stringValue())) {
                    return shown + "\u0000Rules may only use the clinical fact model: `" + shown + "` is not allowed here";
                }
                return null;
            }
            case InvokeDynamicInstruction indy -> {
                String bootstrap = indy.bootstrapMethod().owner().descriptorString();
                return bootstrap.equals("Ljava/lang/invoke/StringConcatFactory;") ? null
                        : indy.name().stringValue() + "\u0000Lambdas and method references are not allowed in rules";
            }
            case FieldInstruction field -> {
                String owner = field.owner().asInternalName();
                String shown = simpleName(owner) + "." + field.name().stringValue();
                if (field.opcode() == Opcode.PUTFIELD || field.opcode() == Opcode.PUTSTATIC
                        || owner.equals(self) || classes.containsKey(owner + ".class")) {
                    return shown + "\u0000Rules may not store values in fields: `" + shown + "` is not allowed here";
                }
                Optional<Class<?>> type = load(owner);
                if (type.isEmpty() || !AllowedApi.isAllowedType(type.get())
                        || !AllowedApi.isAllowedMember(type.get(), field.name().stringValue(), null)) {
                    return shown + "\u0000Rules may only use the clinical fact model: `" + shown + "` is not allowed here";
                }
                return null;
            }
            case NewObjectInstruction created -> {
                return allowedClass(created.className()) ? null
                        : simpleName(created.className().asInternalName()) + "\u0000Rules may only use the clinical fact model: `new "
                        + simpleName(created.className().asInternalName()) + "` is not allowed here";
            }
            case TypeCheckInstruction check -> {
                String type = check.type().asInternalName();
                return type.equals(KNOWLEDGE_HELPER) || type.equals(RULE_CONTEXT) || allowedClass(check.type()) ? null
                        : simpleName(type) + "\u0000Rules may only use the clinical fact model: `" + simpleName(type)
                        + "` is not allowed here";
            }
            case ConstantInstruction constant -> {
                ConstantDesc value = constant.constantValue();
                if (value instanceof ClassDesc type) {
                    Optional<Class<?>> loaded = load(internalName(type));
                    return loaded.isPresent() && AllowedApi.FACT_MODEL.contains(loaded.get()) ? null
                            : type.displayName() + ".class\u0000Class objects (`" + type.displayName() + ".class`) are not allowed in rules";
                }
                return value instanceof String || value instanceof Number || ConstantDescs.NULL.equals(value) ? null
                        : "constant\u0000Method handles and dynamic constants are not allowed in rules";
            }
            case NewPrimitiveArrayInstruction ignored -> {
                return constantSize(previous) ? null : "new[]\u0000Arrays must have a fixed size of at most " + MAX_ARRAY;
            }
            case NewReferenceArrayInstruction array -> {
                if (!allowedClass(array.componentType())) {
                    return simpleName(array.componentType().asInternalName()) + "[]\u0000Rules may only use the clinical fact model: `"
                            + simpleName(array.componentType().asInternalName()) + "[]` is not allowed here";
                }
                return constantSize(previous) ? null : "new[]\u0000Arrays must have a fixed size of at most " + MAX_ARRAY;
            }
            case NewMultiArrayInstruction ignored -> {
                return "new[][]\u0000Arrays of arrays are not allowed in rules";
            }
            case BranchInstruction branch -> {
                return code.labelToBci(branch.target()) > bci ? null : loop();
            }
            case TableSwitchInstruction table -> {
                return forward(code, bci, table.defaultTarget(), table.cases()) ? null : loop();
            }
            case LookupSwitchInstruction lookup -> {
                return forward(code, bci, lookup.defaultTarget(), lookup.cases()) ? null : loop();
            }
            case MonitorInstruction ignored -> {
                return "synchronized\u0000Locks (`synchronized`) are not allowed in rules";
            }
            case DiscontinuedInstruction ignored -> {
                return "jsr\u0000This compiled code cannot be checked";
            }
            default -> {
                return null;
            }
        }
    }

    private static boolean forward(CodeAttribute code, int bci, Label fallback, List<SwitchCase> cases) {
        return code.labelToBci(fallback) > bci && cases.stream().allMatch(c -> code.labelToBci(c.target()) > bci);
    }

    private static String loop() {
        return "loop\u0000Loops are not allowed in rules: a rule fires once for each match of its conditions;"
                + " use a condition, another rule, or collect/accumulate";
    }

    private static boolean constantSize(Instruction previous) {
        return previous instanceof ConstantInstruction constant && constant.constantValue() instanceof Integer size
                && size >= 0 && size <= MAX_ARRAY;
    }

    private boolean isInvokerOfRule(ClassModel model, String name) {
        return name.endsWith("Invoker") && ruleClasses.keySet().stream().anyMatch(name::startsWith)
                && model.interfaces().stream().anyMatch(i -> i.asInternalName().equals(COMPILED_INVOKER));
    }

    /**
     * Drools' invokers are generated from fixed templates around names Drools chose; no text an author
     * wrote is in them. As a second line they may only reach the engine, their rule class and allowed types.
     */
    private void checkInvoker(ClassModel model, String name) {
        boolean invoker = isInvokerOfRule(model, name);
        RuleClass origin = ruleClasses.entrySet().stream().filter(e -> name.startsWith(e.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (!invoker) {
            report(origin, 0, simpleName(name), "This compiled class is not one Drools generates for rules, so it cannot be checked");
            return;
        }
        for (MethodModel method : model.methods()) {
            method.code().ifPresent(code -> {
                for (CodeElement element : code.elementList()) {
                    String owner = switch (element) {
                        case InvokeInstruction invoke -> invoke.owner().asInternalName();
                        case FieldInstruction field -> field.owner().asInternalName();
                        case InvokeDynamicInstruction ignored -> "java/lang/invoke";
                        default -> null;
                    };
                    if (owner != null && !owner.equals(name) && !ruleClasses.containsKey(owner)
                            && !owner.startsWith("org/drools/") && !owner.startsWith("org/kie/")
                            && !Set.of("java/lang/Object", "java/lang/String", "java/lang/Boolean").contains(owner)
                            && load(owner).map(t -> !AllowedApi.isAllowedType(t)).orElse(true)) {
                        report(origin, 0, simpleName(owner), "Generated code reaches `" + simpleName(owner)
                                + "`, which Drools' templates never do; it cannot be checked");
                    }
                }
            });
        }
    }

    /**
     * The DRL line of a line of the generated Java. Drools writes the consequence method three lines
     * after the offset it records, its first line (the KnowledgeHelper cast) standing for `then`;
     * whatever follows it (the consequence, and anything injected after it) maps line for line.
     * Code before it ({@code eval}s, accumulate arguments) is reported at `then`.
     */
    private static int drlLine(RuleClass origin, int javaLine) {
        if (origin == null) {
            return 0;
        }
        int then = origin.javaOffset() + 3;
        return origin.javaOffset() > 0 && javaLine >= then ? origin.consequenceLine() + javaLine - then
                : origin.consequenceLine();
    }

    private static int firstLine(ClassModel model) {
        return model.methods().stream().flatMap(m -> m.code().stream())
                .flatMap(code -> code.elementList().stream())
                .filter(e -> e instanceof LineNumber).mapToInt(e -> ((LineNumber) e).line()).min().orElse(0);
    }

    private void report(RuleClass origin, int line, String code, String message) {
        PolicyViolation violation = new PolicyViolation(origin == null ? "" : origin.source(),
                line > 0 ? line : origin == null ? 0 : origin.consequenceLine(), 0,
                origin == null ? null : origin.rule(), code, message);
        if (!violations.contains(violation)) { // the same call twice on a line is one finding
            violations.add(violation);
        }
    }

    private boolean allowedClass(ClassEntry entry) {
        return load(entry.asInternalName()).map(AllowedApi::isAllowedType).orElse(false);
    }

    private static String internalName(ClassDesc type) {
        String descriptor = type.descriptorString();
        return descriptor.startsWith("L") ? descriptor.substring(1, descriptor.length() - 1) : descriptor;
    }

    private static Optional<Class<?>> load(String internalName) {
        try {
            return Optional.of(Class.forName(internalName.replace('/', '.'), false, BytecodeCheck.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    private static String simpleName(String internalName) {
        String name = internalName.substring(internalName.lastIndexOf('/') + 1);
        return name.replace('$', '.');
    }
}
