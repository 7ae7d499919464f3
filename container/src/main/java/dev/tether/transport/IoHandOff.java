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
 * <p>The slot is per thread; only the thread that opened it may offer to it or close it.
 */
public final class IoHandOff {
    private static final ThreadLocal<IoHandOff> CURRENT = ThreadLocal.withInitial(IoHandOff::new);

    private boolean open;
    private Runnable task;
    private Executor pool;

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

    /** The task left in this slot, or null. */
    public Runnable task() {
        return task;
    }

    /** The pool of the task left in this slot, or null. */
    public Executor pool() {
        return pool;
    }
}
