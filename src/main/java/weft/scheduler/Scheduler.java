package weft.scheduler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import weft.generator.Generator;
import weft.generator.StopIteration;

/**
 * The loop that runs tasks: the seed's {@code run()}. A ready queue, two waiting areas for I/O
 * (recv and send) watched by a {@link Selector}, a timer queue, and the {@link Mailbox}es as a
 * third kind of waiting area. One thread, no locks.
 *
 * <pre>
 * seed (server.py)                            here
 * while any([tasks, recv_wait, send_wait]):   while (hasWork())
 *     while not tasks: select(...)                poll(...)            wait for I/O or time
 *     task = tasks.popleft()                      step(ready.poll())   run until its next trap
 *     reason, resource = task.send(None)              resume(task)
 *     recv_wait[resource] = task ...                  trap(task, trap) park it, or go on
 * </pre>
 *
 * <p>Rules of the kernel (after curio's): a task runs only inside {@link #step}, until it yields
 * its next {@link Trap}; {@link #trap} is the one place traps are handled; a task that throws
 * ends alone ({@link TaskEvents#taskFailed}) and the loop goes on.
 *
 * <p>Choices made for speed, each measured (BENCHMARKS.md):
 * <ul>
 *   <li>A {@code send} trap on a channel whose last write went through whole goes on at once,
 *       without a poll: the kernel had room a moment ago. Only a short write
 *       ({@link Pollable#writeCameBackShort}) makes the next send wait for the selector.</li>
 *   <li>A {@code recv} trap on a channel whose last read came back full goes on at once too,
 *       so a task reads up to {@value #READS_PER_STEP} times in a step, then goes to the back of
 *       the ready queue, still without a poll: the client is streaming, and the next read will
 *       find data. Bulk echo with 8 clients made one epoll_wait per 8 reads before, one per
 *       130 after (strace). A stream thus always ends with a short or empty read, which
 *       {@code TcpSocket} needs to flush what Nagle holds; the next recv waits for the selector.</li>
 *   <li>Selector interest is added when a task parks and dropped only when the selector
 *       reports a channel no task waits on. A connection in ping-pong never changes it, so
 *       the loop makes no epoll_ctl calls in steady state.</li>
 *   <li>Ready tasks run in batches: the tasks ready when a batch starts run once each, then the
 *       loop polls again (without blocking if some are still ready), so tasks that keep
 *       yielding cannot starve I/O, and I/O is polled once per batch, not once per task.</li>
 * </ul>
 */
public final class Scheduler implements AutoCloseable {
    private static final int READS_PER_STEP = 16;

    private final ArrayDeque<Task> ready = new ArrayDeque<>();
    private final WaitingArea recvWait = WaitingArea.forRecv();
    private final WaitingArea sendWait = WaitingArea.forSend();
    private final Timers timers = new Timers();
    private int sleeping;
    private int waitingOnMailboxes;
    private final LiveTasks live = new LiveTasks();

    private final Selector selector;
    private final Consumer<SelectionKey> onReady = this::onReady;
    private final TaskEvents events;
    private int readsLeftInStep;
    private long now = System.nanoTime();

    private volatile Duration stopRequest;
    private boolean draining;
    private long drainDeadline;

    public Scheduler(TaskEvents events) {
        this.events = events;
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
    }

    /** Adds a task to the back of the ready queue: the seed's {@code tasks.append(task)}. */
    public void spawn(Task task) {
        if (task.place != Task.Place.NEW) {
            throw new IllegalStateException("task already started: " + task);
        }
        live.add(task);
        makeReady(task);
    }

    /**
     * Runs until no task can make progress: none ready, none waiting on I/O or time. Tasks left
     * waiting on mailboxes then can never run again: that is reported as a deadlock.
     */
    public void run() {
        while (hasWork()) {
            runOnce(Long.MAX_VALUE);
        }
        if (waitingOnMailboxes > 0) {
            throw new IllegalStateException("deadlock: " + waitingOnMailboxes
                    + " task(s) wait on mailboxes and no other task can run");
        }
    }

    /**
     * One turn of the loop, for tests and embedding: polls (waiting at most {@code maxWait} if no
     * task is ready), then runs the tasks that are ready. Returns whether work remains.
     */
    public boolean runOnce(Duration maxWait) {
        runOnce(maxWait.toNanos());
        return hasWork();
    }

    /** Runs ready tasks and polls without waiting, until no task is ready. */
    public void runUntilIdle() {
        do {
            runOnce(0);
        } while (!ready.isEmpty());
    }

    /**
     * Asks the loop, from any thread (a signal handler, say), to stop gracefully: listening
     * channels are closed and tasks waiting on them cancelled at once; tasks waiting for input
     * are cancelled as soon as a poll finds none for them; the others (a reply half written, a
     * sleep) have until {@code drainTimeout} to get there, then are cancelled too. Then
     * {@link #run} returns.
     */
    public void requestStop(Duration drainTimeout) {
        stopRequest = drainTimeout;
        selector.wakeup();
    }

    public Statistics statistics() {
        return new Statistics(live.size(), ready.size(), recvWait.size(), sendWait.size(), sleeping,
                waitingOnMailboxes);
    }

    /** How many tasks are where: trio's {@code statistics()}. */
    public record Statistics(int tasks, int ready, int waitingToRecv, int waitingToSend, int sleeping,
                             int waitingOnMailboxes) {}

    private boolean hasWork() {
        return !ready.isEmpty() || recvWait.size() > 0 || sendWait.size() > 0 || sleeping > 0;
    }

    private void runOnce(long maxWaitNanos) {
        if (stopRequest != null && !draining) {
            beginDrain(stopRequest);
        }
        if (!hasWork()) {
            return;
        }
        poll(ready.isEmpty() ? Math.min(maxWaitNanos, timers.nanosUntilNext(now)) : 0);
        for (int batch = ready.size(); batch > 0; batch--) {
            step(ready.poll());
        }
    }

    // ---------------------------------------------------------------- poll: I/O, time, stop

    private void poll(long timeoutNanos) {
        if (draining) {
            timeoutNanos = recvWait.size() > 0 ? 0 : Math.min(timeoutNanos, Math.max(0, drainDeadline - now));
        }
        select(timeoutNanos);
        now = System.nanoTime();
        expireTimers();
        if (draining) {
            if (now - drainDeadline >= 0) {
                cancelAll();
            } else {
                cancelWaitingForInput();
            }
        }
    }

    private void select(long timeoutNanos) {
        try {
            if (timeoutNanos <= 0) {
                selector.selectNow(onReady);
            } else if (timeoutNanos == Long.MAX_VALUE) {
                selector.select(onReady);
            } else {
                // Round up: a 0.3 ms wait must not become select(0), which means "forever".
                selector.select(onReady, Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos + 999_999)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("selector failed", e);
        }
    }

    /** The seed's {@code for s in can_recv: tasks.append(recv_wait.pop(s))}, and the same for send. */
    private void onReady(SelectionKey key) {
        Pollable channel = (Pollable) key.attachment();
        int readyOps;
        try {
            readyOps = key.readyOps();
        } catch (CancelledKeyException closed) {
            return;
        }
        if ((readyOps & channel.readOp) != 0) {
            wakeOrForget(recvWait, channel);
        }
        if ((readyOps & SelectionKey.OP_WRITE) != 0) {
            channel.writeBlocked = false;
            wakeOrForget(sendWait, channel);
        }
    }

    private void wakeOrForget(WaitingArea area, Pollable channel) {
        Task task = area.wake(channel);
        if (task != null) {
            makeReady(task);
        } else if (channel.key.isValid()) {
            channel.forget(area.op(channel)); // no one waits: stop the selector reporting it
        }
    }

    private void expireTimers() {
        Timers.Entry due;
        while ((due = timers.pollDue(now)) != null) {
            if (due.sleeper != null) {
                if (due.sleeper.parkedOn == due) {
                    sleeping--;
                    makeReady(due.sleeper);
                }
            } else {
                timeOut(due.channel);
            }
        }
    }

    private void timeOut(Pollable channel) {
        channel.timerArmed = false;
        if (channel.recvWaiter == null && channel.sendWaiter == null) {
            return; // re-armed when a task next waits on it
        }
        if (channel.deadline - now > 0) {
            armTimeout(channel); // the task made progress since: wait for its newer deadline
            return;
        }
        String waited = "no progress for " + Duration.ofNanos(channel.timeoutNanos).toMillis() + " ms";
        for (WaitingArea area : List.of(recvWait, sendWait)) {
            Task task = area.wake(channel);
            if (task != null) {
                task.resumeError = new TaskTimeout(waited + " waiting to " + area.place().name().toLowerCase());
                makeReady(task);
            }
        }
    }

    private void armTimeout(Pollable channel) {
        if (!channel.timerArmed) {
            channel.timerArmed = true;
            timers.watch(channel, channel.deadline);
        }
    }

    // ---------------------------------------------------------------- step: run one task

    /** Runs {@code task} until it parks or ends: the only place a task runs. */
    private void step(Task task) {
        task.place = Task.Place.RUNNING;
        readsLeftInStep = READS_PER_STEP - 1; // the step's first read needs no trap
        while (true) {
            Trap trap;
            try {
                trap = resume(task);
            } catch (StopIteration done) {
                end(task);
                events.taskDone(task);
                return;
            } catch (Throwable error) {
                end(task);
                events.taskFailed(task, error);
                return;
            }
            if (!trap(task, trap)) {
                return;
            }
        }
    }

    private static Trap resume(Task task) {
        Throwable error = task.resumeError;
        Object value = task.resumeValue;
        task.resumeError = null;
        task.resumeValue = null;
        return error != null ? task.throwIn(error) : task.send(value);
    }

    // ---------------------------------------------------------------- trap: the kernel's entry

    /**
     * Handles the trap {@code task} just yielded: parks it in a waiting area, or, when what it
     * asks for can be had at once, leaves what the yield returns in the task and returns true
     * so it runs on.
     */
    private boolean trap(Task task, Trap trap) {
        if (trap instanceof Trap.Recv recv) {
            return recv(task, recv.channel());
        } else if (trap instanceof Trap.Send send) {
            return !send.channel().writeBlocked || park(task, send.channel(), sendWait);
        } else if (trap instanceof Trap.Sleep sleep) {
            return sleep(task, sleep.nanos());
        } else if (trap instanceof Trap.Get get) {
            return get(task, get.mailbox());
        } else if (trap instanceof Trap.Put put) {
            return put(task, put.mailbox(), put.message());
        } else if (trap instanceof Trap.Spawn spawn) {
            spawn(spawn.task());
            return true;
        } else {
            // Python's run() raises RuntimeError('Unknown reason'); here it is raised in the task.
            task.resumeError = new IllegalStateException("yielded " + trap + ", not a trap");
            return true;
        }
    }

    private boolean recv(Task task, Pollable channel) {
        if (!channel.readFilled) {
            return park(task, channel, recvWait);
        }
        if (readsLeftInStep-- > 0) {
            return true; // the last read came back full: the data is still coming, read on
        }
        makeReady(task); // its turn is over: to the back of the queue, still without polling
        return false;
    }

    private boolean park(Task task, Pollable channel, WaitingArea area) {
        try {
            register(channel);
            area.park(channel, task);
        } catch (ClosedChannelException | CancelledKeyException closed) {
            task.resumeError = new UncheckedIOException(new ClosedChannelException());
            return true;
        } catch (IllegalStateException | IllegalArgumentException misuse) {
            task.resumeError = misuse;
            return true;
        }
        task.place = area.place();
        task.parkedOn = channel;
        if (channel.timeoutNanos > 0) {
            channel.deadline = now + channel.timeoutNanos;
            armTimeout(channel);
        }
        return false;
    }

    private void register(Pollable channel) throws ClosedChannelException {
        if (channel.key == null) {
            channel.key = channel.channel.register(selector, 0, channel);
            channel.scheduler = this;
        } else if (channel.scheduler != this) {
            throw new IllegalArgumentException("channel belongs to another scheduler");
        }
    }

    private boolean sleep(Task task, long nanos) {
        if (nanos == 0) {
            makeReady(task); // let every other ready task run first
            return false;
        }
        now = System.nanoTime();
        task.place = Task.Place.SLEEP;
        task.parkedOn = timers.sleep(task, now + nanos);
        sleeping++;
        return false;
    }

    private boolean get(Task task, Mailbox<?> mailbox) {
        if (mailbox.isEmpty()) {
            parkOn(mailbox, mailbox.getters, task, Task.Place.GET);
            return false;
        }
        task.resumeValue = mailbox.take();
        Task putter = mailbox.putters.pollFirst();
        if (putter != null) {
            waitingOnMailboxes--;
            mailbox.add(putter.pendingMessage);
            putter.pendingMessage = null;
            makeReady(putter);
        }
        return true;
    }

    private boolean put(Task task, Mailbox<?> mailbox, Object message) {
        Task getter = mailbox.getters.pollFirst();
        if (getter != null) {
            waitingOnMailboxes--;
            getter.resumeValue = message;
            makeReady(getter);
            return true;
        }
        if (mailbox.isFull()) {
            task.pendingMessage = message;
            parkOn(mailbox, mailbox.putters, task, Task.Place.PUT);
            return false;
        }
        mailbox.add(message);
        return true;
    }

    private void parkOn(Mailbox<?> mailbox, ArrayDeque<Task> queue, Task task, Task.Place place) {
        queue.addLast(task);
        task.place = place;
        task.parkedOn = mailbox;
        waitingOnMailboxes++;
    }

    // ---------------------------------------------------------------- bookkeeping

    private void makeReady(Task task) {
        task.place = Task.Place.READY;
        task.parkedOn = null;
        ready.addLast(task);
    }

    private void end(Task task) {
        task.place = Task.Place.DONE;
        task.parkedOn = null;
        live.remove(task);
    }

    /** A channel was closed: a task still waiting on it gets the failure at its trap. */
    void closed(Pollable channel) {
        failWaiter(recvWait.wake(channel));
        failWaiter(sendWait.wake(channel));
    }

    private void failWaiter(Task task) {
        if (task != null) {
            task.resumeError = new UncheckedIOException(new ClosedChannelException());
            makeReady(task);
        }
    }

    /** Takes {@code task} out of wherever it waits. */
    private void unpark(Task task) {
        switch (task.place) {
            case READY -> ready.remove(task);
            case RECV -> recvWait.wake((Pollable) task.parkedOn);
            case SEND -> sendWait.wake((Pollable) task.parkedOn);
            case SLEEP -> sleeping--; // its timer entry, now stale, is dropped when due
            case GET -> {
                ((Mailbox<?>) task.parkedOn).getters.remove(task);
                waitingOnMailboxes--;
            }
            case PUT -> {
                ((Mailbox<?>) task.parkedOn).putters.remove(task);
                task.pendingMessage = null;
                waitingOnMailboxes--;
            }
            case NEW, RUNNING, DONE -> { }
        }
        task.parkedOn = null;
    }

    /** Closes {@code task} at its suspension point (its finally blocks run), wherever it waits. */
    private void cancel(Task task) {
        unpark(task);
        end(task);
        try {
            if (task.state() == Generator.State.CREATED) {
                task.cancelledBeforeStart();
            }
            task.close();
        } catch (Throwable error) {
            events.taskFailed(task, error);
        }
    }

    // ---------------------------------------------------------------- graceful stop

    private void beginDrain(Duration drainTimeout) {
        draining = true;
        now = System.nanoTime();
        drainDeadline = now + drainTimeout.toNanos();
        for (SelectionKey key : List.copyOf(selector.keys())) {
            Pollable channel = (Pollable) key.attachment();
            if (channel.readOp == SelectionKey.OP_ACCEPT) {
                Task acceptor = channel.recvWaiter;
                if (acceptor != null) {
                    cancel(acceptor);
                }
                channel.close(); // stop accepting: no new connection, not even into the backlog
            }
        }
    }

    private void cancelWaitingForInput() {
        if (recvWait.size() == 0) {
            return;
        }
        for (Task task : live.snapshot()) {
            if (task.place == Task.Place.RECV) {
                cancel(task);
            }
        }
    }

    private void cancelAll() {
        for (Task task : live.snapshot()) {
            cancel(task);
        }
    }

    /** Cancels every task left, then closes the selector. */
    @Override
    public void close() {
        cancelAll();
        try {
            selector.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every task spawned and not yet ended, for cancelling them all; linked through the tasks. */
    private static final class LiveTasks {
        private Task head;
        private int size;

        void add(Task task) {
            task.nextLive = head;
            if (head != null) {
                head.previousLive = task;
            }
            head = task;
            size++;
        }

        void remove(Task task) {
            if (task.previousLive != null) {
                task.previousLive.nextLive = task.nextLive;
            } else if (head == task) {
                head = task.nextLive;
            } else {
                return; // not in the list
            }
            if (task.nextLive != null) {
                task.nextLive.previousLive = task.previousLive;
            }
            task.nextLive = null;
            task.previousLive = null;
            size--;
        }

        int size() {
            return size;
        }

        List<Task> snapshot() {
            List<Task> tasks = new ArrayList<>(size);
            for (Task task = head; task != null; task = task.nextLive) {
                tasks.add(task);
            }
            return tasks;
        }
    }
}
