package weft.scheduler;

import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where every task of a scheduler is: the ready queue, the waiting areas (recv and send, time,
 * mailboxes through their {@link Parking}s) and the list of live tasks. It is the one owner of
 * the kernel's central invariant, every live task in exactly one place, and the one place that
 * moves tasks between places: so "where is this task" has one answer that cannot drift.
 */
final class Places {
    final ArrayDeque<Task<?>> ready = new ArrayDeque<>();
    final IoWaitingArea recvWait = new IoWaitingArea(Where.RECV);
    final IoWaitingArea sendWait = new IoWaitingArea(Where.SEND);
    final TimerQueue timers = new TimerQueue();
    private final LiveTasks live = new LiveTasks();
    long now;       // the scheduler's time as of its last poll, for Task.whereSince
    private int lastId;

    void spawned(Task<?> task) {
        task.id = ++lastId;
        live.add(task);
        makeReady(task);
    }

    /** To the back of the ready queue: the seed's {@code tasks.append(task)}. */
    void makeReady(Task<?> task) {
        task.where = Where.READY;
        task.whereSince = now;
        ready.addLast(task);
    }

    void running(Task<?> task) {
        task.where = Where.RUNNING;
        task.resumes++;
    }

    /** Records that {@code task} waits in {@code parking}, which already holds it. */
    void park(Task<?> task, Parking parking) {
        task.parking = parking;
        task.where = parking.where();
        task.whereSince = now;
    }

    /** Takes a waiting {@code task} out of its parking and drops its wait's deadline: the one way out. */
    void unpark(Task<?> task) {
        task.parking.remove(task);
        timers.removeDeadline(task);
        task.parking = null;
    }

    void wake(Task<?> task) {
        unpark(task);
        makeReady(task);
    }

    /** Takes {@code task} out of wherever it is, ready or waiting, and leaves it nowhere: it is about to end. */
    void takeOut(Task<?> task) {
        if (task.where == Where.READY) {
            ready.remove(task);
        } else if (task.parking != null) {
            unpark(task);
        }
        task.where = Where.RUNNING;
    }

    /**
     * {@code task} has ended, with {@code result} or {@code failure}: it leaves the live tasks,
     * those waiting for it wake, and its group hears of it (and its parent wakes once the last
     * child has ended).
     */
    void end(Task<?> task, Object result, Throwable failure) {
        task.ended(result, failure);
        finish(task);
        WaitQueue joiners = task.joiners();
        if (joiners != null) {
            Task<?> joiner;
            while ((joiner = joiners.oldest()) != null) {
                wake(joiner);
            }
        }
        TaskGroup group = task.group();
        if (group != null) {
            group.childEnded(task);
            Task<?> parent = group.running == 0 ? group.waiting.oldest() : null;
            if (parent != null) {
                wake(parent);
            }
        }
    }

    /**
     * Raises {@link TaskCancelled} in {@code task} at its current wait (or, if it is ready, when
     * it next runs; if it is ready with a message a get took for it, at its next trap): the
     * gentle cancel, after which the task may still wait while it cleans up.
     */
    void deliverCancel(Task<?> task) {
        task.cancelRequested = true;
        if (task.parking != null) {
            wake(task);
        } else if (task.where != Where.READY) {
            return; // running (it is the caller), or ended
        } else if (task.resumeValue() != null) {
            // Its get has taken the message out of the mailbox: the message is the task's now,
            // and raising instead would lose it. It gets the message; the cancel waits a trap.
            task.cancelAtNextTrap = true;
            return;
        }
        task.clearResume();
        task.extra().resumeError = new TaskCancelled();
    }

    void finish(Task<?> task) {
        task.where = Where.DONE;
        task.clearResume();
        live.remove(task);
    }

    int liveCount() {
        return live.size();
    }

    List<Task<?>> live() {
        return live.snapshot();
    }

    /** Whether a task is ready, or waits on something outside the tasks (I/O, time). */
    boolean anyReadyOrWaitingOnTheWorld() {
        return !ready.isEmpty() || recvWait.size() > 0 || sendWait.size() > 0 || timers.size() > 0;
    }

    int count(Where... places) {
        int count = 0;
        for (Task<?> task : live.snapshot()) {
            for (Where where : places) {
                if (task.where == where) {
                    count++;
                }
            }
        }
        return count;
    }

    Scheduler.Statistics statistics() {
        return new Scheduler.Statistics(live.size(), ready.size(), recvWait.size(), sendWait.size(),
                timers.sleepers(), count(Where.GET, Where.PUT));
    }

    /**
     * Checks the invariants, throwing AssertionError on the first broken one: every live task is
     * in exactly one place and that place holds it; every count equals what it counts; nothing
     * holds a task that is not live. For the kernel's tests; O(tasks).
     */
    void check() {
        List<Task<?>> tasks = live.snapshot();
        Map<Task<?>, Integer> readyTimes = new IdentityHashMap<>();
        for (Task<?> task : ready) {
            readyTimes.merge(task, 1, Integer::sum);
        }
        int deadlines = 0;
        for (Task<?> task : tasks) {
            require(task.where != Where.NEW && task.where != Where.DONE, task, "live but " + task.where);
            require(task.where != Where.RUNNING, task, "RUNNING outside its step");
            require((task.where == Where.READY) == readyTimes.containsKey(task), task, "ready queue disagrees");
            require(readyTimes.getOrDefault(task, 1) == 1, task, "on the ready queue twice");
            boolean waits = task.where != Where.READY && task.where != Where.RUNNING;
            require(waits == (task.parking != null), task, "parking disagrees with " + task.where);
            if (task.parking != null) {
                require(task.parking.where() == task.where, task, "parked in " + task.parking.where());
                require(holds(task.parking, task), task, "its parking does not hold it");
            }
            if (task.timerIndex() >= 0) {
                require(timers.holds(task), task, "misplaced in the timer heap");
                deadlines++;
            }
            require(task.where != Where.SLEEP || task.timerIndex() >= 0, task, "sleeping without a deadline");
        }
        require(ready.size() == count(Where.READY), null, "ready queue holds tasks that are not live and ready");
        require(recvWait.size() == count(Where.RECV), null, "recv count " + recvWait.size());
        require(sendWait.size() == count(Where.SEND), null, "send count " + sendWait.size());
        require(timers.sleepers() == count(Where.SLEEP), null, "sleepers count " + timers.sleepers());
        require(timers.size() == deadlines, null, "timer heap holds " + timers.size() + ", live deadlines " + deadlines);
    }

    private static boolean holds(Parking parking, Task<?> task) {
        if (parking instanceof ChannelWait wait) {
            return wait.waiter() == task;
        } else if (parking instanceof WaitQueue queue) {
            return queue.contains(task);
        }
        return parking instanceof TimerQueue timers && timers.holds(task);
    }

    private static void require(boolean holds, Task<?> task, String problem) {
        if (!holds) {
            throw new AssertionError("kernel invariant broken" + (task == null ? "" : " for " + task) + ": " + problem);
        }
    }
}
