package weft.cli;

import java.util.concurrent.atomic.AtomicBoolean;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT and SIGTERM as a graceful stop. The JVM's own handling of them runs shutdown hooks and
 * exits with 130 or 143 whatever the hooks do; handling the signals here instead lets the server
 * drain and {@code main} return normally, with exit code 0. A second signal during the drain
 * exits at once.
 */
final class Signals {
    private Signals() {}

    static void onStop(Runnable gracefulStop) {
        AtomicBoolean stopping = new AtomicBoolean();
        SignalHandler handler = signal -> {
            if (stopping.compareAndSet(false, true)) {
                gracefulStop.run();
            } else {
                Runtime.getRuntime().halt(128 + signal.getNumber());
            }
        };
        Signal.handle(new Signal("INT"), handler);
        Signal.handle(new Signal("TERM"), handler);
    }
}
