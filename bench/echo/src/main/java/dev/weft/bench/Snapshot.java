package dev.weft.bench;

/**
 * Wall time and CPU time, read together at an edge of the measured interval: the server's, this
 * client's, and the whole machine's (what others used shows how noisy the machine was).
 */
record Snapshot(long nanos, long serverTicks, long clientTicks, long machineTicks) {
    private static final long SELF = ProcessHandle.current().pid();

    static Snapshot take(ServerProcess server) {
        return new Snapshot(System.nanoTime(), server.cpuTicks(), ProcFs.cpuTicks(SELF), ProcFs.machineBusyTicks());
    }
}
