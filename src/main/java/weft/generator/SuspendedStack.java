package weft.generator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import kilim.Continuation;
import kilim.Fiber;
import kilim.State;

/**
 * Where a suspended generator is: its Pausable frames, innermost first, each at the line of the
 * call it is suspended in. The JVM cannot say: a suspended Kilim fiber has no Java stack, only a
 * {@link State} per frame (the frame's {@code self} and resume point {@code pc}, not its method).
 * The weaving step wrote, for each woven method, which call each resume point is
 * ({@code weft.weaver.ResumePoints}); starting from the outermost frame, whose method is known,
 * each frame's call names the next frame's method, and its line is the frame's line.
 *
 * <p>Nothing here runs until someone asks; the tables are read then, once per class.
 */
final class SuspendedStack {
    private static final String TABLES = "META-INF/weft/resume-points/";
    private static final int BRIDGE_OR_SYNTHETIC = 0x0040 | 0x1000;
    private static final String WOVEN_BODY = "(Lkilim/Fiber;)Ljava/lang/Object;"; // Generator.body's descriptor, woven

    private static final ClassValue<Map<String, Method>> TABLE = new ClassValue<>() {
        @Override
        protected Map<String, Method> computeValue(Class<?> type) {
            return read(type);
        }
    };

    private SuspendedStack() {}

    /**
     * The frames of {@code frame}'s suspended body, innermost first; as far as the tables go.
     * The first state is the frame's own, and empty (it saves none: see {@code Generator.Frame});
     * the next is the body's, whose {@code self} is the generator.
     */
    static List<StackTraceElement> of(Continuation frame) {
        State[] states = KilimFields.states(frame);
        List<StackTraceElement> outermostFirst = new ArrayList<>();
        State body = states.length > 1 ? states[1] : null;
        if (body != null && !walk(states, 1, body.self.getClass(), "body", WOVEN_BODY, outermostFirst)) {
            outermostFirst.add(new StackTraceElement(Generator.class.getName(), "body", null, -1)); // beyond the tables
        }
        List<StackTraceElement> innermostFirst = new ArrayList<>(outermostFirst.size());
        for (int i = outermostFirst.size() - 1; i >= 0; i--) {
            innermostFirst.add(outermostFirst.get(i));
        }
        return innermostFirst;
    }

    /**
     * Adds frame {@code i} (of method {@code name desc} in {@code owner} or a superclass) and
     * the frames inside it; returns false, adding nothing, if the tables do not fit the states.
     */
    private static boolean walk(State[] states, int i, Class<?> owner, String name, String desc,
                                List<StackTraceElement> frames) {
        State state = i < states.length ? states[i] : null;
        if (state == null) {
            return false;
        }
        Class<?> declaring = owner;
        Method method = TABLE.get(declaring).get(name + desc);
        while (method == null && declaring.getSuperclass() != null) {
            declaring = declaring.getSuperclass();
            method = TABLE.get(declaring).get(name + desc);
        }
        if (method == null) {
            return false;
        }
        Call call = method.calls.get(state.pc);
        if (call == null) {
            return false;
        }
        int mark = frames.size();
        boolean shown = (method.access & BRIDGE_OR_SYNTHETIC) == 0 || name.startsWith("lambda$");
        if (shown) {
            frames.add(new StackTraceElement(declaring.getName(), name, method.source, call.line));
        }
        if (call.owner.equals("kilim/Fiber")) {
            return true; // Fiber.yield: the innermost frame
        }
        State next = i + 1 < states.length ? states[i + 1] : null;
        if (next == null) {
            return true;
        }
        boolean fits;
        if (call.name.startsWith("$shim$")) {
            fits = walkIntoLambda(states, i + 1, next, call, frames);
        } else if (call.opcode == 184 /* invokestatic */ || call.opcode == 183 /* invokespecial */) {
            fits = walk(states, i + 1, load(call.owner, declaring), call.name, call.desc, frames);
        } else {
            fits = next.self != null && walk(states, i + 1, next.self.getClass(), call.name, call.desc, frames);
        }
        if (!fits && frames.size() == mark + (shown ? 1 : 0)) {
            frames.add(new StackTraceElement(call.owner.replace('/', '.'), call.name, null, -1)); // beyond the tables
        }
        return true;
    }

    /**
     * A Pausable lambda: Kilim calls it through a static {@code $shim$} and keeps the lambda in
     * the frame's {@code self}. Its body is a {@code lambda$...} method of the class that wrote
     * it, whose parameters end as the shim's do; of those, the one whose tables fit the rest of
     * the states is it.
     */
    private static boolean walkIntoLambda(State[] states, int i, State lambda, Call shim, List<StackTraceElement> frames) {
        if (lambda.self == null) {
            return false;
        }
        String lambdaClass = lambda.self.getClass().getName();
        int cut = lambdaClass.indexOf("$$Lambda");
        if (cut < 0) {
            return false;
        }
        Class<?> host = load(lambdaClass.substring(0, cut).replace('.', '/'), lambda.self.getClass());
        // The shim's parameters after the lambda itself; return types may differ (a bridge casts).
        String suffix = shim.desc.substring(shim.desc.indexOf(';') + 1, shim.desc.indexOf(')') + 1);
        for (Map.Entry<String, Method> candidate : TABLE.get(host).entrySet()) {
            String key = candidate.getKey();
            int paren = key.indexOf('(');
            String parameters = key.substring(paren, key.indexOf(')') + 1);
            if (key.startsWith("lambda$") && parameters.endsWith(suffix) && candidate.getValue().calls.containsKey(lambda.pc)) {
                List<StackTraceElement> tried = new ArrayList<>();
                if (walk(states, i, host, key.substring(0, paren), key.substring(paren), tried) && complete(tried)) {
                    frames.addAll(tried);
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean complete(List<StackTraceElement> frames) {
        return frames.isEmpty() || frames.get(frames.size() - 1).getLineNumber() >= 0;
    }

    private static Class<?> load(String internalName, Class<?> near) {
        try {
            return Class.forName(internalName.replace('/', '.'), false, near.getClassLoader());
        } catch (ClassNotFoundException e) {
            return Object.class;
        }
    }

    private record Call(int line, int opcode, String owner, String name, String desc) {}

    private record Method(String source, int access, Map<Integer, Call> calls) {}

    private static Map<String, Method> read(Class<?> type) {
        Map<String, Method> methods = new HashMap<>();
        ClassLoader loader = type.getClassLoader();
        if (loader == null || type.isHidden()) {
            return methods;
        }
        try (InputStream in = loader.getResourceAsStream(TABLES + type.getName().replace('.', '/') + ".txt")) {
            if (in == null) {
                return methods;
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String source = null;
            Map<Integer, Call> calls = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String[] f = line.split(" ");
                switch (f[0]) {
                    case "source" -> source = f[1];
                    case "method" -> {
                        calls = new HashMap<>();
                        methods.put(f[1] + f[2], new Method(source, Integer.parseInt(f[3]), calls));
                    }
                    case "pc" -> calls.put(Integer.parseInt(f[1]), new Call(Integer.parseInt(f[2]),
                            Integer.parseInt(f[3]), f[4], f[5], f[6]));
                    default -> { }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return methods;
    }
}
