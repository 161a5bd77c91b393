package weft.agent.weaving;

import java.lang.instrument.ClassFileTransformer;
import java.lang.invoke.MethodHandles;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.Map;

/**
 * Weaves each class that mentions {@code kilim/Pausable} as it loads, with Kilim's own weaver.
 *
 * <p>Weaving one class can produce more: Kilim's small state classes ({@code kilim.S_*}) that
 * hold a suspended frame's locals. Those not already in Kilim's jar are defined next to
 * {@code kilim.State}, in whichever loader loaded Kilim for the application.
 *
 * <p>A class Kilim cannot weave is reported on one line and loaded as compiled; weft's
 * generators then refuse to run it with an error that names it.
 */
public final class WeavingTransformer implements ClassFileTransformer {
    private static final byte[] PAUSABLE = "kilim/Pausable".getBytes(StandardCharsets.ISO_8859_1);

    private final KilimWeaver kilim;
    private final boolean verbose;

    public WeavingTransformer(boolean verbose) {
        this.kilim = KilimWeaver.fromClassPath();
        this.verbose = verbose;
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> redefined,
                            ProtectionDomain domain, byte[] classFile) {
        if (kilim == null || loader == null || internalName == null || redefined != null
                || internalName.startsWith("kilim/") || !mentions(classFile, PAUSABLE)) {
            return null;
        }
        String name = internalName.replace('/', '.');
        try {
            byte[] woven = null;
            for (Map.Entry<String, byte[]> produced : kilim.weave(classFile, loader).entrySet()) {
                if (produced.getKey().equals(name)) {
                    woven = produced.getValue();
                } else {
                    defineStateClass(produced.getKey(), produced.getValue(), loader);
                }
            }
            if (verbose && woven != null) {
                System.err.println("weft-agent: wove " + name);
            }
            return woven;
        } catch (Throwable e) {
            System.err.println("weft-agent: cannot weave " + name + ": " + KilimWeaver.reason(e));
            return null;
        }
    }

    private static void defineStateClass(String name, byte[] classFile, ClassLoader loader) throws Exception {
        try {
            Class.forName(name, false, loader);
            return; // in Kilim's jar, or defined for an earlier class
        } catch (ClassNotFoundException absent) {
            Class<?> anchor = Class.forName("kilim.State", false, loader);
            MethodHandles.privateLookupIn(anchor, MethodHandles.lookup()).defineClass(classFile);
        }
    }

    private static boolean mentions(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
