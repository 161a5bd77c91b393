package weft.scheduler;

import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import weft.generator.Generator;
import weft.generator.StopIteration;
import weft.transport.Poller;
import weft.transport.Transport;
import weft.transport.Transports;

/**
 * The loop that runs tasks: the seed's {@code run()}. A ready queue; waiting areas that each
 * hold their own tasks (recv and send, watched by the {@link Poller}; time, the
 * {@link TimerQueue}; each {@link Mailbox}); one thread, no locks.
 *
 * <pre>
 * seed (server.py)                            here
 * while any([tasks, recv_wait, send_wait]):   while (live tasks)
 *     while not tasks: select(...)                poll(...)            wait for I/O or time
 *     task = tasks.popleft()                      step(ready.poll())   run until its next trap
 *     reason, resource = task.send(None)              resume(task)
 *     recv_wait[resource] = task ...                  trap(task, trap) park it, or go on
 * </pre>
 *
 * <p>Rules of the kernel (after curio's and trio's):
 * <ul>
 *   <li>A task runs only inside {@link #step}, until it yields its next {@link Trap};
 *       {@link #trap} is the one place traps are handled.</li>
 *   <li>A task is in exactly one place, and only {@link Places} moves it: a waiting task sits
 *       in one {@link Parking}, which alone counts it, and leaves it by one path, woken, timed
 *       out or cancelled alike.</li>
 *   <li>Traps never throw into the loop: whatever goes wrong answering one (a closed or foreign
 *       channel, a task already started, a mailbox of another scheduler) is raised in the task
 *       at its {@code yield}. A task that throws ends alone ({@link TaskEvents#taskFailed}).</li>
 *   <li>Fairness by budget: a step answers at most {@value #TRAPS_PER_STEP} traps without
 *       waiting, then the task goes to the back of the ready queue, so no task holds the loop
 *       (the seed gives it back at every yield).</li>
 *   <li>Stop policy belongs to whoever built the tasks (a server): the kernel offers
 *       {@link #cancel}, stop hooks and a deadline after which it cancels what is left.</li>
 * </ul>
 *
 * <p>Choices made for speed, each measured (BENCHMARKS.md):
 * <ul>
 *   <li>A {@code send} trap on a channel whose last write went through whole goes on at once,
 *       without a poll: the kernel had room a moment ago. Only a short write
 *       ({@link Pollable#writeCameBackShort}) makes the next send wait for the poller.</li>
 *   <li>A {@code recv} trap on a channel whose last read came back full goes on at once too,
 *       within the step's budget: the client is streaming, and the next read will find data.
 *       Bulk echo with 8 clients made one epoll_wait per 8 reads before, one per 130 after
 *       (strace). A stream thus always ends with a short or empty read, which
 *       {@code TcpSocket} needs to flush what Nagle holds; the next recv waits for the poller.</li>
 *   <li>Such a recv or send, answered at once, does not even suspend the task: it is answered
 *       inside the task's {@code yield} ({@link #answersAtOnce}, same conditions, same budget),
 *       so Kilim does not unwind and rebuild the task's frames for nothing. The order of
 *       execution is the same; every other trap suspends the task and comes to {@link #trap}.</li>
 *   <li>Ready tasks run in batches: the tasks ready when a batch starts run once each, then the
 *       loop polls again (without blocking if some are still ready), so tasks that keep
 *       yielding cannot starve I/O, and I/O is polled once per batch, not once per task.</li>
 * </ul>
 *
 * <p>Threads: {@link #requestStop} and {@link Pollable#close} may be called from any thread.
 * Everything else is for the loop's thread (the one that runs it; before it first runs, any),
 * and {@link #spawn}, {@link #cancel} and {@link #onStop} fail fast elsewhere.
 */
public final class Scheduler implements AutoCloseable {
    static final int TRAPS_PER_STEP = 32;

    private final Places places = new Places();
    private final TimerQueue timers = places.timers;
    private final Transport transport;
    private final Poller poller;
    private final LoopThread loopThread;
    private final TaskEvents events;
    private final Clock clock;
    private long now;
    private Task<?> current;
    private int budget;
    private boolean checkInvariants;

    private final StopRequest stop = new StopRequest();

    /** A scheduler on the {@linkplain Transports#defaultTransport default transport}. */
    public Scheduler(TaskEvents events) {
        this(events, Clock.SYSTEM);
    }

    /** A scheduler that reads the time from {@code clock}: a clock a test moves, say. */
    public Scheduler(TaskEvents events, Clock clock) {
        this(events, clock, Transports.defaultTransport());
    }

    /**
     * A scheduler whose I/O readiness comes from {@code transport}: the channels its tasks wait
     * on must be sockets of that transport.
     */
    public Scheduler(TaskEvents events, Clock clock, Transport transport) {
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.poller = transport.openPoller((channel, readyOps) -> ioReady((Pollable) channel, readyOps));
        this.loopThread = new LoopThread(poller);
        this.now = clock.nanoTime();
    }

    /** The transport its channels belong to. */
    public Transport transport() {
        return transport;
    }

    /** Adds a task to the back of the ready queue: the seed's {@code tasks.append(task)}. Returns it. */
    public <R> Task<R> spawn(Task<R> task) {
        Objects.requireNonNull(task, "task");
        loopThread.require("spawn");
        if (task.where != Where.NEW || task.state() != Generator.State.CREATED) {
            throw new IllegalStateException("task already started: " + task);
        }
        task.scheduler = this;
        places.spawned(task);
        return task;
    }

    /**
     * Runs until every task has ended and no {@link #handle} is open. If the tasks left can never run again (none ready, none
     * waiting on I/O or time: all wait on mailboxes or on each other), no stop was asked for and
     * no {@link #handle} is open, that is a deadlock, and it throws. After {@link #requestStop}
     * it always returns normally.
     */
    public void run() {
        while (places.liveCount() > 0 || loopThread.othersMayHandOff() && !stop.asked()) {
            if (!canProgress() && !stop.asked() && !loopThread.othersMayHandOff()) {
                throw new IllegalStateException("deadlock: " + places.count(Where.GET, Where.PUT, Where.JOIN)
                        + " task(s) wait on mailboxes or other tasks and no other task can run");
            }
            runOnce(Long.MAX_VALUE);
        }
    }

    /**
     * One turn of the loop, for tests and embedding: polls (waiting at most {@code maxWait} if no
     * task is ready), then runs the tasks that are ready. Returns whether tasks are left.
     */
    public boolean runOnce(Duration maxWait) {
        runOnce(maxWait.toNanos());
        return places.liveCount() > 0;
    }

    /** Runs ready tasks and polls without waiting, until no task is ready. */
    public void runUntilIdle() {
        do {
            runOnce(0);
        } while (!places.ready.isEmpty());
    }

    /**
     * From any thread (a signal handler, say): stops the loop gracefully. On the loop, the
     * {@link #onStop} hooks run (a server stops accepting, cancels what is idle); the tasks left
     * have until {@code drainTimeout} to end, then are cancelled, their {@code finally} blocks
     * running; then {@link #run} returns. Tasks that can never run again are cancelled at once.
     */
    public void requestStop(Duration drainTimeout) {
        stop.ask(drainTimeout);
        poller.wakeup();
    }

    /** A handle other threads use to hand work to this loop ({@link LoopHandle}); close it when done. */
    public LoopHandle handle() {
        loopThread.handleOpened();
        return new LoopHandle(this, loopThread);
    }

    /** Runs {@code hook} on the loop when a stop is requested: a server's stop policy. */
    public void onStop(Runnable hook) {
        loopThread.require("onStop");
        stop.addHook(Objects.requireNonNull(hook, "hook"));
    }

    /**
     * Cancels {@code task} at once, from the loop (a stop, say): wherever it waits,
     * {@link weft.generator.GeneratorExit} is raised at its {@code yield}, so its {@code finally}
     * blocks run, without waiting for anything, and it ends; {@link Task#join} then reports it
     * cancelled. Cancelling a task that has ended does nothing; a task cannot cancel itself.
     * From inside a task, {@link Task#cancel} is the gentler way: the task may wait while it
     * cleans up.
     */
    public void cancel(Task<?> task) {
        loopThread.require("cancel");
        requireHandle(task, "cancel");
        if (task.where == Where.DONE) {
            return;
        }
        if (task.where == Where.RUNNING) {
            throw new IllegalStateException("a task cannot cancel itself: " + task);
        }
        places.takeOut(task);
        Task<?> running = current;
        current = task; // its finally blocks run as itself
        Throwable failure = null;
        try {
            if (task.state() == Generator.State.CREATED) {
                task.cancelledBeforeStart();
            }
            task.close();
        } catch (Throwable error) {
            failure = error;
        } finally {
            current = running;
        }
        ended(task, null, new TaskCancelled());
        if (failure != null) {
            events.taskFailed(task, failure);
        }
    }

    /** The tasks spawned and not yet ended, oldest first. */
    public List<Task<?>> tasks() {
        return places.live();
    }

    public Statistics statistics() {
        return places.statistics();
    }

    /** How many tasks are where: trio's {@code statistics()}. */
    public record Statistics(int tasks, int ready, int waitingToRecv, int waitingToSend, int sleeping,
                             int waitingOnMailboxes) {}

    /** Cancels every task left, then closes the poller. */
    @Override
    public void close() {
        cancelAll();
        poller.close();
    }

    // ---------------------------------------------------------------- the loop

    private void runOnce(long maxWaitNanos) {
        loopThread.enter();
        Tasks.LOOP.set(this);
        if (places.liveCount() == 0 && !loopThread.othersMayHandOff()) {
            return;
        }
        long wait = 0;
        if (places.ready.isEmpty() && !loopThread.hasHandoffs() && !stop.askedNotBegun()) {
            now = clock.nanoTime();
            wait = Math.min(maxWaitNanos, nanosUntilNextDeadline());
        }
        poll(wait);
        for (int batch = places.ready.size(); batch > 0; batch--) {
            step(places.ready.poll());
        }
    }

    /**
     * Waits for I/O, time, a stop or another thread, and puts the tasks it frees on the ready
     * queue. A stop begins after the I/O is taken in, so the stop hooks see a task with input
     * waiting as ready, not as waiting for input.
     */
    private void poll(long timeoutNanos) {
        poller.poll(timeoutNanos);
        now = clock.nanoTime();
        places.now = now;
        loopThread.runHandoffs();
        if (stop.askedNotBegun()) {
            stop.begin(now);
        }
        expireDeadlines();
        if (stop.begun() && (stop.deadlinePassed(now) || !canProgressAlone())) {
            cancelAll();
        }
    }

    /** The seed's {@code for s in can_recv: tasks.append(recv_wait.pop(s))}, and the same for send. */
    private void ioReady(Pollable channel, int readyOps) {
        if ((readyOps & channel.readOp) != 0) {
            wakeOrForget(channel.recvWait, channel.readOp);
        }
        if ((readyOps & channel.writeOp) != 0) {
            channel.writeBlocked = false;
            wakeOrForget(channel.sendWait, channel.writeOp);
            if (channel.writeOp == Poller.CONNECT) {
                // Reported once: a connection is made (or has failed) only once.
                poller.forget(channel.channel, Poller.CONNECT);
                channel.writeOp = Poller.WRITE;
            }
        }
    }

    private void wakeOrForget(ChannelWait wait, int op) {
        Task<?> task = wait.waiter();
        if (task != null) {
            places.wake(task);
        } else {
            poller.forget(wait.channel.channel, op); // no one waits: stop the poller reporting it
        }
    }

    /** Sleepers whose time has come wake; waits whose deadline passed end with their timeout. */
    private void expireDeadlines() {
        Task<?> due;
        while ((due = timers.due(now)) != null) {
            Deadline blocks = due.deadlines();
            Deadline passed = blocks == null ? null : Deadline.outermostPassed(blocks, now);
            if (passed != null) {
                due.extra().resumeError = new DeadlineExpired(passed);
            } else if (due.parking != timers) {
                due.extra().resumeError = due.parking.timedOut();
            }
            places.wake(due);
        }
    }

    private long nanosUntilNextDeadline() {
        return stop.sooner(timers.nanosUntilNext(now), now);
    }

    /** Whether something other than a stop can still make a task run. */
    private boolean canProgressAlone() {
        return places.anyReadyOrWaitingOnTheWorld() || loopThread.hasHandoffs();
    }

    private boolean canProgress() {
        return canProgressAlone() || stop.begun();
    }

    // ---------------------------------------------------------------- step: run one task

    /** Runs {@code task} until it parks, ends or spends its budget: the only place a task runs. */
    private void step(Task<?> task) {
        places.running(task);
        current = task;
        budget = TRAPS_PER_STEP;
        try {
            while (true) {
                Trap trap;
                try {
                    trap = resume(task);
                } catch (StopIteration done) {
                    ended(task, done.value(), null);
                    return;
                } catch (Throwable error) {
                    ended(task, null, error);
                    return;
                }
                if (!answer(task, trap)) {
                    return;
                }
            }
        } finally {
            current = null;
            if (checkInvariants) {
                places.check();
            }
        }
    }

    private static Trap resume(Task<?> task) {
        Throwable error = task.resumeError();
        Object value = task.resumeValue();
        task.clearResume();
        if (error instanceof TaskCancelled && task.state() == Generator.State.CREATED) {
            task.cancelledBeforeStart(); // cancelled before it ever ran: none of its code will
        }
        return error != null ? task.throwIn(error) : task.send(value);
    }

    /** Handles {@code trap}; returns whether the task runs on in this step. */
    private boolean answer(Task<?> task, Trap trap) {
        try {
            if (task.cancelAtNextTrap) {
                task.cancelAtNextTrap = false;
                task.extra().resumeError = new TaskCancelled(); // raised at this trap's yield, instead of an answer
            } else if (!trap(task, trap)) {
                return false; // parked
            }
        } catch (RuntimeException misuse) {
            task.extra().resumeError = misuse; // raised in the task at its yield; the loop goes on
        }
        if (--budget > 0) {
            return true;
        }
        places.makeReady(task); // its turn is over: to the back of the queue
        return false;
    }

    // ---------------------------------------------------------------- trap: the kernel's entry

    /**
     * Handles the trap {@code task} just yielded: parks it and returns false, or, when what it
     * asks for can be had at once, leaves what the yield returns in the task and returns true.
     * Throws, having changed nothing, when the trap cannot be answered.
     */
    private boolean trap(Task<?> task, Trap trap) {
        if (trap instanceof ChannelWait wait) {
            Pollable channel = usable(wait.channel);
            if (goesOnAtOnce(wait)) {
                return true;
            }
            return parkOn(wait, wait.isRecv() ? channel.readOp : channel.writeOp, task);
        } else if (trap instanceof Trap.Sleep sleep) {
            return sleep(task, sleep.nanos());
        } else if (trap instanceof Trap.Get get) {
            return get.mailbox().useFrom(this).get(task, this);
        } else if (trap instanceof Trap.Put put) {
            return put.mailbox().useFrom(this).put(task, put.message(), this);
        } else if (trap instanceof Trap.Spawn spawn) {
            spawn(spawn.task());
            return true;
        } else if (trap instanceof Trap.Join join) {
            return join(task, requireHandle(join.task(), "join"));
        } else if (trap instanceof Trap.Cancel cancel) {
            Task<?> target = requireHandle(cancel.task(), "cancel");
            if (target == task) {
                throw new IllegalStateException("a task cannot cancel itself: " + task);
            }
            if (!target.cancelRequested) {
                deliverCancel(target);
            }
            return join(task, target);
        } else if (trap instanceof Trap.JoinGroup group) {
            if (group.group().running == 0) {
                return true;
            }
            group.group().waiting.add(task);
            parked(task, group.group().waiting, false, 0);
            return false;
        }
        // Python's run() raises RuntimeError('Unknown reason'); here it is raised in the task.
        throw new IllegalStateException("yielded " + trap + ", not a trap");
    }

    /**
     * Whether a wait on a channel needs no poll: for recv, the last read filled what was asked, so
     * more is likely there; for send, the last write went through whole, so there is room.
     */
    private static boolean goesOnAtOnce(ChannelWait wait) {
        Pollable channel = wait.channel;
        return wait.isRecv() ? channel.readFilled : !channel.writeBlocked;
    }

    /**
     * {@link Task#answersAtOnce}, from inside the running task's yield: whether {@code trap} is a
     * wait on a channel of this scheduler that {@link #trap} would answer at once, with the
     * step's budget letting the task go on. If so, it is answered (and counted, as in
     * {@link #answer}); if not, nothing has changed and the task suspends as usual, for
     * {@link #step} to handle the trap.
     */
    boolean answersAtOnce(Task<?> task, Trap trap) {
        if (task != current || budget <= 1 || task.cancelAtNextTrap || !(trap instanceof ChannelWait wait)) {
            return false;
        }
        if (wait.channel.scheduler != this || !wait.channel.isOpen() || !goesOnAtOnce(wait)) {
            return false;
        }
        budget--;
        return true;
    }

    /** {@code channel}, open and bound to this scheduler (on its first wait). */
    private Pollable usable(Pollable channel) {
        if (!channel.isOpen()) {
            throw new UncheckedIOException(new ClosedChannelException());
        }
        if (channel.scheduler != this) {
            if (channel.scheduler != null) {
                throw new IllegalArgumentException("channel belongs to another scheduler: " + channel);
            }
            poller.register(channel.channel, channel);
            channel.scheduler = this;
        }
        return channel;
    }

    private boolean parkOn(ChannelWait wait, int op, Task<?> task) {
        wait.requireFree();
        poller.want(wait.channel.channel, op);
        wait.park(task);
        Duration timeout = wait.channel.timeout;
        parked(task, wait, timeout != null, timeout == null ? 0 : now + timeout.toNanos());
        return false;
    }

    private boolean sleep(Task<?> task, long nanos) {
        if (nanos == 0) {
            places.makeReady(task); // let every other ready task run first
            return false;
        }
        now = clock.nanoTime();
        long wake = now + nanos;
        Deadline blocks = task.deadlines();
        timers.sleep(task, blocks == null ? wake : sooner(wake, blocks.earliest()));
        places.park(task, timers);
        return false;
    }

    private boolean join(Task<?> task, Task<?> target) {
        if (target == task) {
            throw new IllegalStateException("a task cannot wait for itself to end: " + task);
        }
        if (target.where == Where.DONE) {
            return true;
        }
        Task.Extra extra = target.extra();
        if (extra.joiners == null) {
            extra.joiners = new WaitQueue(Where.JOIN);
        }
        extra.joiners.add(task);
        parked(task, extra.joiners, false, 0);
        return false;
    }

    /**
     * Records that {@code task} now waits in {@code parking} (which holds it already), and gives
     * the wait its deadline: the wait's own, if it has one, or the earliest of the task's
     * timeoutAfter blocks, whichever comes first.
     */
    void parked(Task<?> task, Parking parking, boolean hasOwnDeadline, long ownDeadline) {
        places.park(task, parking);
        Deadline deadlines = task.deadlines();
        if (deadlines != null) {
            long blocks = deadlines.earliest();
            timers.addDeadline(task, hasOwnDeadline ? sooner(ownDeadline, blocks) : blocks);
        } else if (hasOwnDeadline) {
            timers.addDeadline(task, ownDeadline);
        }
    }

    private static long sooner(long a, long b) {
        return a - b <= 0 ? a : b;
    }

    /**
     * {@code target} must be a task this scheduler runs, or has run: spawned here, not new.
     */
    private Task<?> requireHandle(Task<?> target, String what) {
        Objects.requireNonNull(target, "task");
        if (target.scheduler != this) {
            throw new IllegalArgumentException("cannot " + what + " " + target + ": "
                    + (target.scheduler == null ? "it was never spawned" : "it belongs to another scheduler"));
        }
        return target;
    }

    // ---------------------------------------------------------------- closing, stopping

    /** {@code channel} was closed, maybe by another thread: its waiters fail, on the loop. */
    void closed(Pollable channel) {
        loopThread.run(() -> {
            failWaiter(channel.recvWait.waiter());
            failWaiter(channel.sendWait.waiter());
            channel.released();
        });
    }

    private void failWaiter(Task<?> task) {
        if (task != null) {
            places.wake(task);
            task.extra().resumeError = new UncheckedIOException(new ClosedChannelException());
        }
    }

    private void cancelAll() {
        cancelAll(places.live());
    }

    /** Cancels each of {@code tasks} at once (hard), but the running one. */
    void cancelAll(List<Task<?>> tasks) {
        for (Task<?> task : List.copyOf(tasks)) {
            if (task.where != Where.RUNNING) {
                cancel(task);
            }
        }
    }

    /** The gentle cancel: see {@link Places#deliverCancel}. */
    void deliverCancel(Task<?> task) {
        places.deliverCancel(task);
    }

    /** {@code task} has ended: {@link Places#end} moves who waited for it; the end is reported (a cancellation is not a failure). */
    private void ended(Task<?> task, Object result, Throwable failure) {
        places.end(task, result, failure);
        if (failure == null) {
            events.taskDone(task);
        } else if (!(failure instanceof TaskCancelled)) {
            events.taskFailed(task, failure);
        }
    }

    Places places() {
        return places;
    }

    void requireLoopThread(String method) {
        loopThread.require(method);
    }

    /** The task whose step is running, or null. */
    Task<?> running() {
        return current;
    }

    long clockNanos() {
        return clock.nanoTime();
    }

    /** The clock the scheduler reads its time from ({@link Task#whereSince} is on it). */
    public Clock clock() {
        return clock;
    }

    // ---------------------------------------------------------------- for the kernel's own tests

    /** Checks the kernel's invariants after every step, and now. */
    void checkInvariantsAfterEachStep() {
        checkInvariants = true;
        places.check();
    }

    TimerQueue timerQueue() {
        return timers;
    }
}
