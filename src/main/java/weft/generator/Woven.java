package weft.generator;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;

import kilim.Fiber;
import kilim.Pausable;

/**
 * Refuses, in one line that names the class and how to weave it, to start a generator whose
 * code Kilim has not woven.
 *
 * <p>Unwoven code cannot suspend, and Kilim's own failure is silent: a subclass's unwoven
 * {@code body()} never runs (the woven base class's is called in its place), and an unwoven
 * {@link Body} lambda reaches Kilim's "not woven" stub, which prints a banner and ends the JVM
 * with exit status 0. So every generator checks where its code comes from before it can run;
 * the answer is cached per class, so the check costs a lookup.
 *
 * <p>Woven classes carry Kilim's {@code $isWoven} field; a woven lambda implements the variant
 * of its method that takes a trailing {@link Fiber}.
 */
final class Woven {
    private static final String MARKER = "$isWoven";

    /**
     * {@link Generator#body()} as the weaver made it, {@code body(Fiber)}: the call a generator's
     * frame makes by hand (see {@code Generator.Frame}), which javac cannot name.
     */
    static final MethodHandle BODY = wovenBody();

    /** Per class: null if woven, else the name of the class the user must weave. */
    private static final ClassValue<String> UNWOVEN = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return unwovenClassOf(type);
        }
    };

    private Woven() {}

    private static MethodHandle wovenBody() {
        try {
            return MethodHandles.lookup().findVirtual(Generator.class, "body",
                    MethodType.methodType(Object.class, Fiber.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException("weft's own Generator is not woven: it has no body(kilim.Fiber)", e);
        }
    }

    /** Throws unless the code of this class, and of its superclasses below Generator, is woven. */
    static void require(Class<?> code) {
        String unwoven = UNWOVEN.get(code);
        if (unwoven != null) {
            throw new IllegalStateException("weft: " + unwoven + " is not woven, so its Pausable code cannot"
                    + " suspend: weave it at build time with dev.weft:weft-maven-plugin, or run with"
                    + " -javaagent:weft-agent.jar (README: \"Use weft in your project\")");
        }
    }

    private static String unwovenClassOf(Class<?> type) {
        for (Class<?> c = type; c != null && c != Generator.class && c != Object.class; c = c.getSuperclass()) {
            if (c.isHidden() ? !implementsFiberVariant(c) : declaresPausable(c) && !hasMarker(c)) {
                return c.isHidden() ? lambdaHost(c) : c.getName();
            }
        }
        return null;
    }

    private static boolean declaresPausable(Class<?> c) {
        for (Method method : c.getDeclaredMethods()) {
            for (Class<?> thrown : method.getExceptionTypes()) {
                if (thrown == Pausable.class) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasMarker(Class<?> c) {
        try {
            c.getDeclaredField(MARKER);
            return true;
        } catch (NoSuchFieldException e) {
            return false;
        }
    }

    /** A lambda's class: woven code makes it implement {@code run(..., Fiber)}. */
    private static boolean implementsFiberVariant(Class<?> lambda) {
        for (Method method : lambda.getDeclaredMethods()) {
            Class<?>[] parameters = method.getParameterTypes();
            if (parameters.length > 0 && parameters[parameters.length - 1] == Fiber.class) {
                return true;
            }
        }
        return false;
    }

    /** {@code demo.Main$$Lambda$14/0x...} was written in demo.Main. */
    private static String lambdaHost(Class<?> lambda) {
        String name = lambda.getName();
        int end = name.indexOf("$$Lambda");
        return end > 0 ? name.substring(0, end) : lambda.getNestHost().getName();
    }
}
