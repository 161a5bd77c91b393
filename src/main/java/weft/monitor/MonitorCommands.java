package weft.monitor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import kilim.Pausable;
import weft.scheduler.Scheduler;
import weft.scheduler.Task;
import weft.scheduler.TaskTimeout;
import weft.scheduler.Tasks;
import weft.scheduler.Where;

/**
 * The monitor's commands (curio's monitor: {@code ps}, {@code where}, {@code cancel}), each
 * answering with lines of text. They run inside the monitor's task, on the loop, so what they
 * read of the scheduler is consistent; they change nothing but by {@code cancel}.
 */
final class MonitorCommands {
    static final String QUIT = "quit";
    private static final Duration CANCEL_WAIT = Duration.ofSeconds(2);
    private static final List<String> HELP = List.of(
            "ps            the live tasks: ID STATE SECONDS CYCLES NAME",
            "where ID      where task ID is suspended, innermost frame first",
            "cancel ID     cancel task ID (its finally blocks run) and wait for it to end",
            "stats         the scheduler's and the server's figures",
            "help          this list",
            "quit          end this session (the server goes on)");

    private final Scheduler scheduler;
    private final Supplier<List<String>> serverStats;

    MonitorCommands(Scheduler scheduler, Supplier<List<String>> serverStats) {
        this.scheduler = scheduler;
        this.serverStats = serverStats;
    }

    /** The answer to {@code line}; for {@code quit}, a list holding {@link #QUIT}'s goodbye. */
    List<String> run(String line) throws Pausable {
        String[] words = line.trim().split("\\s+");
        String command = words[0].toLowerCase(Locale.ROOT);
        switch (command) {
            case "ps":
                return ps();
            case "where":
                return withTask(words, "where") ? where(task(words[1])) : usage("where ID");
            case "cancel":
                return withTask(words, "cancel") ? cancel(task(words[1]), words[1]) : usage("cancel ID");
            case "stats":
                return stats();
            case "help":
            case "?":
                return HELP;
            case QUIT:
            case "exit":
                return List.of("bye");
            case "":
                return List.of();
            default:
                return List.of("unknown command '" + printable(words[0]) + "'; help lists the commands");
        }
    }

    private List<String> ps() {
        long now = scheduler.clock().nanoTime();
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%-5s %-8s %8s %8s  %s", "ID", "STATE", "SECONDS", "CYCLES", "NAME"));
        for (Task<?> task : scheduler.tasks()) {
            double seconds = Math.max(0, now - task.whereSince()) / 1e9;
            lines.add(String.format(Locale.ROOT, "%-5d %-8s %8.1f %8d  %s", task.id(), task.where(), seconds,
                    task.resumes(), task));
        }
        return lines;
    }

    private List<String> where(Task<?> task) {
        if (task == null) {
            return null;
        }
        if (task.where() == Where.RUNNING) {
            return List.of("task " + task.id() + " is running: it is this monitor");
        }
        List<StackTraceElement> stack = task.suspendedStack();
        if (stack.isEmpty()) {
            return List.of("task " + task.id() + " has not started yet");
        }
        List<String> lines = new ArrayList<>();
        for (StackTraceElement frame : stack) {
            lines.add("at " + frame);
        }
        return lines;
    }

    private List<String> cancel(Task<?> task, String id) throws Pausable {
        if (task == null) {
            return null;
        }
        if (task == Tasks.current()) {
            return List.of("the monitor does not cancel itself; quit ends the session");
        }
        try {
            Tasks.timeoutAfter(CANCEL_WAIT, () -> {
                task.cancel();
                return null;
            });
        } catch (TaskTimeout slow) {
            return List.of("task " + id + " was cancelled but has not ended within " + CANCEL_WAIT.toSeconds() + " s");
        }
        return List.of("cancelled task " + id + ": " + task);
    }

    private List<String> stats() {
        Scheduler.Statistics s = scheduler.statistics();
        List<String> lines = new ArrayList<>(List.of(
                "tasks " + s.tasks(),
                "ready " + s.ready(),
                "waiting to recv " + s.waitingToRecv(),
                "waiting to send " + s.waitingToSend(),
                "sleeping " + s.sleeping(),
                "on mailboxes " + s.waitingOnMailboxes()));
        lines.addAll(serverStats.get());
        return lines;
    }

    /** Whether {@code words} are "COMMAND ID" with ID a number. */
    private static boolean withTask(String[] words, String command) {
        return words.length == 2 && words[1].matches("\\d{1,9}");
    }

    private Task<?> task(String id) {
        int wanted = Integer.parseInt(id);
        for (Task<?> task : scheduler.tasks()) {
            if (task.id() == wanted) {
                return task;
            }
        }
        return null;
    }

    private static List<String> usage(String form) {
        return List.of("usage: " + form);
    }

    /** At most 40 printable ASCII characters of what a client sent, for echoing it back safely. */
    private static String printable(String word) {
        String clean = word.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() > 40 ? clean.substring(0, 40) + "..." : clean;
    }
}
