package dev.kubetune.api.validation;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Evaluates the CRDs' {@code x-kubernetes-validations} rules with Google's CEL implementation, the
 * way the API server does: {@code self} is the value at the rule's place, with Kubernetes' value
 * mapping (objects as maps, integers as int, numbers as double).
 */
final class CelRules {

    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("self", SimpleType.DYN)
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();
    private static final Map<String, CelRuntime.Program> PROGRAMS = new ConcurrentHashMap<>();

    private CelRules() {
    }

    /** Whether {@code self} satisfies {@code rule}; IllegalArgumentException when the rule cannot run. */
    static boolean holds(String rule, Object self) {
        try {
            Object result = program(rule).eval(Map.of("self", self));
            if (!(result instanceof Boolean b)) {
                throw new IllegalArgumentException("rule '" + rule + "' gave " + result + ", not a boolean");
            }
            return b;
        } catch (CelEvaluationException e) {
            throw new IllegalArgumentException("rule '" + rule + "' failed: " + e.getMessage(), e);
        }
    }

    private static CelRuntime.Program program(String rule) {
        return PROGRAMS.computeIfAbsent(rule, r -> {
            try {
                CelAbstractSyntaxTree ast = COMPILER.compile(r).getAst();
                return RUNTIME.createProgram(ast);
            } catch (CelValidationException | CelEvaluationException e) {
                throw new IllegalArgumentException("rule '" + r + "' does not compile: " + e.getMessage(), e);
            }
        });
    }
}
