package dev.weft.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The few /proc figures the benchmark reads: CPU time, resident memory, liveness. */
final class ProcFs {
    private ProcFs() {}

    /**
     * utime + stime of the whole process (all threads, as /proc/PID/stat sums them), in clock
     * ticks; -1 if the process is gone.
     */
    static long cpuTicks(long pid) {
        String[] fields = statFields(pid);
        if (fields == null) {
            return -1;
        }
        // fields[0] is field 3 of proc(5) (state); utime and stime are fields 14 and 15.
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * Busy ticks of the whole machine, all CPUs, from /proc/stat: user, nice, system, irq and
     * softirq. A process's stime includes the softirq work done while it ran (loopback TCP
     * delivery, mostly), which /proc/stat files under softirq; so all of it is counted here.
     */
    static long machineBusyTicks() {
        String[] cpu = read(Path.of("/proc/stat")).lines().findFirst().orElseThrow().trim().split("\\s+");
        // cpu user nice system idle iowait irq softirq ...
        return Long.parseLong(cpu[1]) + Long.parseLong(cpu[2]) + Long.parseLong(cpu[3])
                + Long.parseLong(cpu[6]) + Long.parseLong(cpu[7]);
    }

    /** False once the process has exited, even while it waits as a zombie for its parent to reap it. */
    static boolean alive(long pid) {
        String[] fields = statFields(pid);
        return fields != null && !fields[0].equals("Z") && !fields[0].equals("X");
    }

    /** VmRSS from /proc/PID/status, in bytes. */
    static long rssBytes(long pid) {
        for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024; // the line says kB
            }
        }
        throw new IllegalStateException("no VmRSS for process " + pid + ": is it running?");
    }

    /** {@code getconf CLK_TCK}: the unit of /proc's CPU times, 100 almost everywhere. */
    static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (getconf.waitFor() != 0) {
                throw new IllegalStateException("getconf CLK_TCK failed: " + out);
            }
            return Long.parseLong(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run getconf CLK_TCK", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running getconf", e);
        }
    }

    /** The fields after "(comm)": the command name may itself hold spaces and parentheses. */
    private static String[] statFields(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    private static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
