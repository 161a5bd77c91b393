package weft.agent.weaving;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

import weft.weaver.AsmLevelLiftingLoader;

/**
 * Kilim's {@code ClassWeaver}, one class file at a time, reached by reflection because it lives
 * in a class loader of its own: the application's Kilim jar, read through weft's
 * {@link AsmLevelLiftingLoader} so that it weaves Java 17+ class files with ASM 9.
 *
 * <p>Kilim resolves the types a class uses (to merge stack frames, to find Pausable methods in
 * other classes) through a class loader: the one loading the class, so each loader gets its own
 * Kilim context. Kilim's weaver is not meant for concurrent use: one class at a time.
 */
final class KilimWeaver {
    private final Constructor<?> newMirrors;
    private final Constructor<?> newContext;
    private final Constructor<?> newClassWeaver;
    private final Method weave;
    private final Method classInfos;
    private final Method resetStateClasses;
    private final Field className;
    private final Field bytes;
    private final Map<ClassLoader, Object> contexts = new WeakHashMap<>();

    private KilimWeaver(ClassLoader kilim) throws ReflectiveOperationException {
        Class<?> mirrors = kilim.loadClass("kilim.mirrors.CachedClassMirrors");
        Class<?> context = kilim.loadClass("kilim.analysis.KilimContext");
        Class<?> classWeaver = kilim.loadClass("kilim.analysis.ClassWeaver");
        Class<?> classInfo = kilim.loadClass("kilim.analysis.ClassInfo");
        newMirrors = mirrors.getConstructor(ClassLoader.class);
        newContext = context.getConstructor(mirrors);
        newClassWeaver = classWeaver.getConstructor(context, InputStream.class);
        weave = classWeaver.getMethod("weave");
        classInfos = classWeaver.getMethod("getClassInfos");
        resetStateClasses = classWeaver.getMethod("reset");
        className = classInfo.getField("className");
        bytes = classInfo.getField("bytes");
    }

    /** Kilim from the application's class path, or null (and one line saying so) if it has none. */
    static KilimWeaver fromClassPath() {
        URL pausable = ClassLoader.getSystemResource("kilim/Pausable.class");
        if (pausable == null) {
            System.err.println("weft-agent: Kilim (org.db4j:kilim, which dev.weft:weft brings) is not on the"
                    + " class path; nothing will be woven");
            return null;
        }
        try {
            Path kilimJar = location(pausable);
            return new KilimWeaver(new AsmLevelLiftingLoader(kilimJar, KilimWeaver.class.getClassLoader()));
        } catch (Exception e) {
            System.err.println("weft-agent: cannot load Kilim's weaver from " + pausable + ": " + reason(e));
            return null;
        }
    }

    /** The classes weaving produced (the class itself, if it changed, and state classes), by name. */
    synchronized Map<String, byte[]> weave(byte[] classFile, ClassLoader loader) throws ReflectiveOperationException {
        Object context = contexts.get(loader);
        if (context == null) {
            context = newContext.newInstance(newMirrors.newInstance(loader));
            contexts.put(loader, context);
        }
        resetStateClasses.invoke(null); // else a state class made for one loader is not offered to the next
        Object weaver = newClassWeaver.newInstance(context, new ByteArrayInputStream(classFile));
        weave.invoke(weaver);
        Map<String, byte[]> produced = new LinkedHashMap<>();
        for (Object info : (List<?>) classInfos.invoke(weaver)) {
            produced.put((String) className.get(info), (byte[]) bytes.get(info));
        }
        return produced;
    }

    /** What went wrong, without reflection's wrapping. */
    static String reason(Throwable e) {
        Throwable cause = e;
        while (cause instanceof InvocationTargetException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }

    /** The jar (or directory) a class-path resource comes from. */
    private static Path location(URL resource) throws Exception {
        String url = resource.toString();
        if (url.startsWith("jar:")) {
            return Path.of(new URL(url.substring("jar:".length(), url.indexOf("!/"))).toURI());
        }
        return Path.of(resource.toURI()).getParent().getParent(); // .../kilim/Pausable.class
    }
}
