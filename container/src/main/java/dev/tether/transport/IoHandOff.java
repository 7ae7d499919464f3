package dev.tether.transport;

import java.util.concurrent.Executor;

/**
 * Lets an I/O thread run the first task that its own event produced, after it has handed
 * selection to another thread, instead of waking a pool thread for that task.
 *
 * <p>Without it every received message costs a cold thread wake-up on its way to the
 * endpoint: the selector thread reads, queues the session's work and wakes a parked worker,
 * and the message waits until the scheduler has run that worker (tens of microseconds on an
 * idle core). With it, the transport opens a slot around one I/O event ({@link #open()}); an
 * executor that is asked to run a task while the slot is open and empty {@linkplain #offer
 * leaves it there} instead; when the event is done the transport {@linkplain #close() takes
 * it out} and, if there is one, gives its selection loop to a thread of the task's pool and
 * runs the task on the current thread, which from then on is a worker like any other. The
 * wake-up still happens, but beside the message, not in front of it. Application code thus
 * still never runs on a thread while it selects.
 *
 * <p>After the task the thread reads the same connection again before it goes back to its
 * pool: in a request–answer exchange the next request is often there already, and reading it
 * at once saves the selector's wake-up. Until then the connection's reading is held for that
 * thread ({@link #holdReading}); code that is about to wait calls {@link #beforeBlocking()}
 * first, which gives the reading back to the selector, so that a task blocked on its peer
 * (a send waiting for the peer to read) never stops that peer's data from being read.
 *
 * <p>The slot is per thread; only the thread that opened it may offer to it or close it.
 */
public final class IoHandOff {
    private static final ThreadLocal<IoHandOff> CURRENT = ThreadLocal.withInitial(IoHandOff::new);

    private boolean open;
    private Runnable task;
    private Executor pool;
    private Runnable heldReading;

    private IoHandOff() {
    }

    /**
     * Leaves {@code task} in the current thread's open slot, if it has one that is still empty.
     *
     * @param pool where the task would have run: the thread that takes the I/O loop over
     *             comes from it
     * @return whether the slot took the task; if not, the caller runs it as it would have
     */
    public static boolean offer(Runnable task, Executor pool) {
        IoHandOff slot = CURRENT.get();
        if (!slot.open || slot.task != null) {
            return false;
        }
        slot.task = task;
        slot.pool = pool;
        return true;
    }

    /**
     * Refuses every further offer during the current I/O event, if one is open: its work goes
     * to a pool thread and the I/O loop stays where it is. For an event whose work is a batch
     * (a read that brought several messages: its peer streams, and reading on at once matters
     * more than answering the first of them a wake-up sooner).
     */
    public static void decline() {
        CURRENT.get().open = false;
    }

    /**
     * Opens an empty slot on the current thread, for the length of one I/O event.
     *
     * @return the slot, or null if one is already open on this thread (an event inside an
     *         event: the outer one owns the slot)
     */
    public static IoHandOff open() {
        IoHandOff slot = CURRENT.get();
        if (slot.open) {
            return null;
        }
        slot.open = true;
        return slot;
    }

    /**
     * Closes this slot and empties it; later offers on this thread are refused until the next
     * {@link #open()}. Read {@link #task()} and {@link #pool()} first.
     */
    public void close() {
        open = false;
        task = null;
        pool = null;
    }

    /**
     * Records that the current thread holds a connection's reading while it runs a task (it
     * will read that connection next); {@code release} gives the reading back to its selector.
     */
    public static void holdReading(Runnable release) {
        CURRENT.get().heldReading = release;
    }

    /**
     * Ends {@link #holdReading} on the current thread.
     *
     * @return whether the thread still held the reading: no {@link #beforeBlocking()} gave it
     *         back meanwhile
     */
    public static boolean endHoldingReading() {
        IoHandOff slot = CURRENT.get();
        boolean held = slot.heldReading != null;
        slot.heldReading = null;
        return held;
    }

    /**
     * Call before the current thread waits for anything: a connection's reading it holds goes
     * back to that connection's selector, so that what the wait depends on can still arrive.
     * Costs nothing on a thread that holds no reading.
     */
    public static void beforeBlocking() {
        IoHandOff slot = CURRENT.get();
        Runnable release = slot.heldReading;
        if (release != null) {
            slot.heldReading = null;
            release.run();
        }
    }

    /** The task left in this slot, or null. */
    public Runnable task() {
        return task;
    }

    /** The pool of the task left in this slot, or null. */
    public Executor pool() {
        return pool;
    }
}
