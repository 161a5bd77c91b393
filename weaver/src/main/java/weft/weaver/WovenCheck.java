package weft.weaver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Proves a directory of class files is woven, without trusting the weaver's exit status.
 *
 * <p>Kilim fails quietly: an unwoven call of a Pausable method prints a banner and calls
 * {@code System.exit(0)} at run time, and an unwoven Continuation reports itself finished
 * without running. So after weaving, every class file is read back and two rules are checked:
 * <ol>
 *   <li>no method calls a Pausable method through its original descriptor (woven code always
 *       calls the variant that takes a trailing {@code kilim.Fiber});</li>
 *   <li>a class that declares a Pausable method carries Kilim's {@code $isWoven} marker.</li>
 * </ol>
 * A method is Pausable when it declares {@code throws kilim.Pausable}; calls are resolved
 * through superclasses and interfaces, looking classes up in the checked directory and the
 * given class path.
 *
 * <p>Used by {@link Weave} after weaving, and by weft's Maven plugin before it, to tell whether
 * there is anything to weave at all.
 */
public final class WovenCheck implements AutoCloseable {
    static final String PAUSABLE = "kilim/Pausable";
    private static final String FIBER_PARAMETER = "Lkilim/Fiber;)";
    private static final String WOVEN_MARKER = "$isWoven";

    private final URLClassLoader lookup;
    private final Map<String, Optional<ClassNode>> cache = new HashMap<>();

    public WovenCheck(Path classes, List<Path> classpath) {
        List<URL> urls = new ArrayList<>();
        urls.add(toUrl(classes));
        classpath.forEach(entry -> urls.add(toUrl(entry)));
        this.lookup = new URLClassLoader(urls.toArray(URL[]::new), null);
    }

    /** Result of a check: how many classes use Pausable, and one line per problem found. */
    public record Report(int classesChecked, int pausableClasses, List<String> problems) {}

    public Report check(Path classes) throws IOException {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        int pausable = 0;
        for (Path file : classFiles(classes)) {
            ClassNode node = read(Files.readAllBytes(file));
            checked++;
            boolean usesPausable = false;
            for (MethodNode method : node.methods) {
                if (isPausable(method)) {
                    usesPausable = true;
                }
                for (String call : unwovenPausableCalls(method)) {
                    usesPausable = true;
                    problems.add(node.name + " is not woven: " + method.name + " calls Pausable " + call);
                }
            }
            if (usesPausable) {
                pausable++;
                if (declaresPausable(node) && !hasWovenMarker(node)) {
                    problems.add(node.name + " is not woven: it declares Pausable methods but has no "
                            + WOVEN_MARKER + " marker");
                }
            }
        }
        return new Report(checked, pausable, problems);
    }

    private List<String> unwovenPausableCalls(MethodNode method) {
        List<String> calls = new ArrayList<>();
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof MethodInsnNode call
                    && !call.desc.contains(FIBER_PARAMETER)
                    && resolvesToPausable(call.owner, call.name, call.desc)) {
                calls.add(call.owner + "." + call.name + call.desc);
            }
        }
        return calls;
    }

    private boolean resolvesToPausable(String owner, String name, String desc) {
        if (owner.startsWith("[") || isPlatformClass(owner)) {
            return false;
        }
        Optional<ClassNode> found = lookUp(owner);
        if (found.isEmpty()) {
            return false;
        }
        ClassNode node = found.get();
        for (MethodNode method : node.methods) {
            if (method.name.equals(name) && method.desc.equals(desc)) {
                return isPausable(method);
            }
        }
        if (node.superName != null && resolvesToPausable(node.superName, name, desc)) {
            return true;
        }
        for (String parent : node.interfaces) {
            if (resolvesToPausable(parent, name, desc)) {
                return true;
            }
        }
        return false;
    }

    private Optional<ClassNode> lookUp(String internalName) {
        return cache.computeIfAbsent(internalName, name -> {
            try (InputStream in = lookup.getResourceAsStream(name + ".class")) {
                return in == null ? Optional.empty() : Optional.of(read(in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read class " + name, e);
            }
        });
    }

    private static boolean isPlatformClass(String internalName) {
        return internalName.startsWith("java/") || internalName.startsWith("javax/")
                || internalName.startsWith("jdk/") || internalName.startsWith("sun/");
    }

    private static boolean isPausable(MethodNode method) {
        return method.exceptions.contains(PAUSABLE);
    }

    private static boolean declaresPausable(ClassNode node) {
        return node.methods.stream().anyMatch(WovenCheck::isPausable);
    }

    private static boolean hasWovenMarker(ClassNode node) {
        for (FieldNode field : node.fields) {
            if (field.name.equals(WOVEN_MARKER) && (field.access & Opcodes.ACC_STATIC) != 0) {
                return true;
            }
        }
        return false;
    }

    private static ClassNode read(byte[] classFile) {
        ClassNode node = new ClassNode(Opcodes.ASM9);
        new ClassReader(classFile).accept(node, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return node;
    }

    public static List<Path> classFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(path -> path.toString().endsWith(".class")).sorted().toList();
        }
    }

    private static URL toUrl(Path path) {
        try {
            return path.toUri().toURL();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        lookup.close();
    }
}
