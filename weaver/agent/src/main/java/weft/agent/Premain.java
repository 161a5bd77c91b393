package weft.agent;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;

/**
 * {@code -javaagent:weft-agent.jar}: weaves every class that declares Pausable methods as it is
 * loaded, so code compiled by an IDE or plain {@code javac}, never woven at build time, runs
 * woven. Classes already woven (by weft's Maven plugin) are left as they are.
 *
 * <p>This class only uses the JDK: the weaving itself (Kilim's weaver, weft's lifting loader,
 * ASM 9) is loaded from the jar's payload by {@link PayloadLoader}, out of the application's
 * sight. Add {@code =verbose} to print each class as it is woven.
 */
public final class Premain {
    private static final String TRANSFORMER = "weft.agent.weaving.WeavingTransformer";

    private Premain() {}

    public static void premain(String options, Instrumentation instrumentation) throws Exception {
        Path agentJar = Path.of(Premain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ClassLoader payload = new PayloadLoader(agentJar);
        ClassFileTransformer transformer = (ClassFileTransformer) payload.loadClass(TRANSFORMER)
                .getConstructor(boolean.class).newInstance("verbose".equals(options));
        instrumentation.addTransformer(transformer);
    }
}
