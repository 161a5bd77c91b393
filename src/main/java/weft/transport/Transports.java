package weft.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import weft.transport.nio.NioTransport;

/**
 * Which {@link Transport} runs: {@code epoll} where it can (Linux on x86_64 or aarch64, JDK 22+,
 * a build that has its classes), {@code nio} everywhere else. {@code -Dweft.transport=nio|epoll}
 * (or the command line's {@code --transport}) forces one.
 *
 * <p>The epoll classes are compiled for Java 22 and ship under {@code META-INF/versions/22} of
 * the jar: a JDK 17 never sees them, and nothing here names them but by a string.
 */
public final class Transports {
    /** The system property that forces a transport for the whole JVM: {@code nio} or {@code epoll}. */
    public static final String PROPERTY = "weft.transport";

    static final String EPOLL_CLASS = "weft.transport.epoll.EpollTransport";

    private Transports() {}

    /** java.nio: runs everywhere. */
    public static Transport nio() {
        return NioTransport.INSTANCE;
    }

    /** epoll through FFM, or {@link TransportUnavailable} saying in one line why not here. */
    public static Transport epoll() {
        Epoll epoll = Epoll.LOADED;
        if (epoll.transport == null) {
            throw new TransportUnavailable("the epoll transport cannot run here: " + epoll.whyNot);
        }
        return epoll.transport;
    }

    /** Why epoll cannot run here, or null if it can. */
    public static String whyNoEpoll() {
        return Epoll.LOADED.whyNot;
    }

    /** {@code nio} or {@code epoll}, by name; an unknown name is IllegalArgumentException. */
    public static Transport named(String name) {
        return switch (name) {
            case "nio" -> nio();
            case "epoll" -> epoll();
            default -> throw new IllegalArgumentException("unknown transport '" + name + "' (nio or epoll)");
        };
    }

    /** The best this machine can run: epoll if it can, else nio. */
    public static Transport auto() {
        Transport epoll = Epoll.LOADED.transport;
        return epoll != null ? epoll : nio();
    }

    /** What a scheduler or socket uses unless told otherwise: {@value #PROPERTY} if set, else {@link #auto}. */
    public static Transport defaultTransport() {
        return Default.TRANSPORT;
    }

    /** Every transport that can run here, nio first. */
    public static List<Transport> available() {
        List<Transport> all = new ArrayList<>(List.of(nio()));
        if (Epoll.LOADED.transport != null) {
            all.add(Epoll.LOADED.transport);
        }
        return all;
    }

    /** One line for {@code --version}: the transport chosen, and why the other is not. */
    public static String describe() {
        Transport chosen = defaultTransport();
        String whyNot = whyNoEpoll();
        return "transport: " + chosen.name() + (whyNot == null ? "" : " (epoll: " + whyNot + ")");
    }

    private static final class Default {
        static final Transport TRANSPORT = choose();

        private static Transport choose() {
            String forced = System.getProperty(PROPERTY, "").trim();
            return forced.isEmpty() || forced.equals("auto") ? auto() : named(forced);
        }
    }

    /** The epoll transport, loaded once, or why it could not be. */
    private record Epoll(Transport transport, String whyNot) {
        static final Epoll LOADED = load();

        private static Epoll load() {
            String os = System.getProperty("os.name", "");
            String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
            int java = Runtime.version().feature();
            if (!os.equals("Linux")) {
                return new Epoll(null, "it needs Linux, this is " + os);
            }
            if (!List.of("amd64", "x86_64", "aarch64").contains(arch)) {
                return new Epoll(null, "it needs x86_64 or aarch64, this is " + arch);
            }
            if (java < 22) {
                return new Epoll(null, "it needs Java 22 or later, this is Java " + java);
            }
            try {
                Class<?> type = Class.forName(EPOLL_CLASS);
                return new Epoll((Transport) type.getMethod("open").invoke(null), null);
            } catch (ClassNotFoundException e) {
                return new Epoll(null, "this build left it out (it was built without a JDK 22+)");
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                return new Epoll(null, "it failed to start: " + cause);
            }
        }
    }
}
