package weft.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads the agent's payload, the classes stored under {@code weft-agent/} in its own jar: there
 * the system class loader, which has the agent jar on its path, never looks. So the weaver's
 * ASM 9 cannot clash with an ASM the application brings, and the application cannot see it.
 */
final class PayloadLoader extends ClassLoader {
    static final String PREFIX = "weft-agent/";

    static {
        registerAsParallelCapable();
    }

    private final JarFile jar;

    PayloadLoader(Path agentJar) throws IOException {
        super("weft-agent", ClassLoader.getPlatformClassLoader());
        this.jar = new JarFile(agentJar.toFile()); // open for the life of the JVM, as the agent is
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        JarEntry entry = jar.getJarEntry(PREFIX + name.replace('.', '/') + ".class");
        if (entry == null) {
            throw new ClassNotFoundException(name);
        }
        try (InputStream in = jar.getInputStream(entry)) {
            byte[] classFile = in.readAllBytes();
            return defineClass(name, classFile, 0, classFile.length);
        } catch (IOException e) {
            throw new ClassNotFoundException(name + " (unreadable in " + jar.getName() + ")", e);
        }
    }
}
