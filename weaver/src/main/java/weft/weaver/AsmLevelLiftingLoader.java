package weft.weaver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Loads Kilim's weaver from the official, unmodified jar, lifting the ASM API level it asks
 * for from ASM7 to ASM9 as each of its classes is defined.
 *
 * <p>Why this is needed: Kilim 2.0.2 passes {@code kilim.Constants.KILIM_ASM = Opcodes.ASM7} to
 * the ASM visitors it extends ({@code ClassFlow}, {@code MethodFlow}, two visitors in
 * {@code CachedClassMirrors}). Under ASM 9 (needed to read Java 17 class files at all) a visitor
 * created at level ASM7 refuses records ("Record requires ASM8") and sealed types
 * ("PermittedSubclasses requires ASM9"): upstream issue kilim/kilim#77. The constant is a
 * compile-time {@code int}, so javac inlined it: it survives only as {@code ldc 458752}
 * operands in those classes (and as the constant value of the field itself). Rewriting exactly
 * those values is the smallest change that works, and it happens in memory, as classes load.
 *
 * <p>Kilim's classes are loaded child-first, so a copy of Kilim elsewhere on the class path
 * can never slip in unlifted. ASM itself comes from the parent loader (ASM 9).
 *
 * <p>Used by {@link Weave} (ahead of time) and by weft's Java agent (at class load time).
 */
public final class AsmLevelLiftingLoader extends URLClassLoader {
    private static final Integer KILIM_LEVEL = Opcodes.ASM7;
    private static final Integer LIFTED_LEVEL = Opcodes.ASM9;

    private int liftedOperands;

    public AsmLevelLiftingLoader(Path kilimJar, ClassLoader parent) {
        super(new URL[] {toUrl(kilimJar)}, parent);
    }

    /** How many ASM7 operands were rewritten so far: zero after weaving means the lift missed. */
    public int liftedOperands() {
        return liftedOperands;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith("kilim.")) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                loaded = findClass(name);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        URL resource = findResource(name.replace('.', '/') + ".class");
        if (resource == null) {
            throw new ClassNotFoundException(name);
        }
        byte[] lifted = lift(read(resource));
        return defineClass(name, lifted, 0, lifted.length);
    }

    private byte[] lift(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public FieldVisitor visitField(int access, String name, String descriptor,
                                           String signature, Object value) {
                return super.visitField(access, name, descriptor, signature, liftIfLevel(value));
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor,
                                             String signature, String[] exceptions) {
                MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
                return new MethodVisitor(Opcodes.ASM9, next) {
                    @Override
                    public void visitLdcInsn(Object value) {
                        super.visitLdcInsn(liftIfLevel(value));
                    }
                };
            }
        }, 0);
        return writer.toByteArray();
    }

    private Object liftIfLevel(Object value) {
        if (KILIM_LEVEL.equals(value)) {
            liftedOperands++;
            return LIFTED_LEVEL;
        }
        return value;
    }

    private static byte[] read(URL resource) {
        try (InputStream in = resource.openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static URL toUrl(Path path) {
        try {
            return path.toUri().toURL();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
