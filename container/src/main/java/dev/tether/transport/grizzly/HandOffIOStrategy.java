package dev.tether.transport.grizzly;

import dev.tether.transport.IoHandOff;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.IOEvent;
import org.glassfish.grizzly.nio.NIOConnection;
import org.glassfish.grizzly.nio.SelectorRunner;
import org.glassfish.grizzly.strategies.AbstractIOStrategy;
import org.glassfish.grizzly.strategies.SameThreadIOStrategy;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;

import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Grizzly's same-thread strategy (filters run on the selector thread, which only does
 * non-blocking work there), plus one step after a read: if the read produced work for a pool
 * ({@link IoHandOff}), the selector loop moves to a thread of that pool and the current thread
 * runs the work, so a message reaches its endpoint without waiting for a thread to wake up.
 * Only a read that is its selector's sole ready key does this, and only when its work is one
 * task (whoever produces a batch of work {@linkplain IoHandOff#decline() declines} the hand-off).
 *
 * <p>After the work, the same thread reads that connection again, and goes on (read, run its
 * one task, read) for as long as each read hands it exactly one task: in a request–answer
 * exchange the next request is often there by then, and the selector's wake-up is saved. Until
 * that thread gives the reading back ({@link GrizzlyTransport#holdReading()}), the selector does
 * not watch the connection, so one connection is never read by two threads at once. Work that
 * is about to wait gives it back earlier ({@link IoHandOff#beforeBlocking()}). Grizzly supports
 * suspending and resuming the loop this way (its leader-follower strategy does it on every event).
 */
final class HandOffIOStrategy extends AbstractIOStrategy {
    static final HandOffIOStrategy INSTANCE = new HandOffIOStrategy();

    private final SameThreadIOStrategy sameThread = SameThreadIOStrategy.getInstance();

    private HandOffIOStrategy() {
    }

    @Override
    public boolean executeIoEvent(Connection connection, IOEvent ioEvent, boolean isIoEventEnabled) throws IOException {
        SelectorRunner runner = ioEvent == IOEvent.READ ? ((NIOConnection) connection).getSelectorRunner() : null;
        // Only the selector's sole ready key: with others waiting, the loop has work right now,
        // and moving it would make them wait for a thread to wake up instead.
        IoHandOff slot = runner != null && runner.getRunnerThread() == Thread.currentThread()
                && runner.getLastSelectedKeysCount() <= 1 ? IoHandOff.open() : null;
        if (slot == null) {
            return sameThread.executeIoEvent(connection, ioEvent, isIoEventEnabled);
        }
        Runnable task;
        Executor pool;
        boolean goOn;
        try {
            goOn = sameThread.executeIoEvent(connection, ioEvent, isIoEventEnabled);
        } finally {
            task = slot.task();
            pool = slot.pool();
            slot.close();
        }
        if (task == null) {
            return goOn;
        }
        if (!goOn) {
            // The loop is already suspended elsewhere; it cannot be handed over twice.
            pool.execute(task);
            return false;
        }
        GrizzlyTransport transport = GrizzlyTransport.of(connection);
        Runnable release = transport != null && transport.holdReading() ? transport::releaseReading : null;
        runner.postpone();
        resume(runner, pool);
        while (true) {
            if (release != null) {
                IoHandOff.holdReading(release);
            }
            run(task);
            if (release == null || !IoHandOff.endHoldingReading()) {
                return false;
            }
            task = readAgain(connection, transport);
            if (task == null) {
                transport.releaseReading();
                return false;
            }
        }
    }

    /**
     * Reads the connection whose reading this thread holds, as the selector would have.
     *
     * @return the one task that read handed over, to be run here while still holding the
     *         reading; null if it read nothing, read a batch, or the engine paused reading
     */
    private Runnable readAgain(Connection<?> connection, GrizzlyTransport transport) {
        if (!transport.mayReadHeld()) {
            return null;
        }
        IoHandOff slot = IoHandOff.open();
        if (slot == null) {
            return null;
        }
        try {
            sameThread.executeIoEvent(connection, IOEvent.READ, true);
            return slot.task();
        } catch (IOException e) {
            connection.closeSilently();
            return null;
        } finally {
            slot.close();
        }
    }

    private static void run(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            // Nothing may reach the loop's frames below us: they belong to another thread now.
            System.getLogger(HandOffIOStrategy.class.getName()).log(System.Logger.Level.ERROR, "a task after a read failed", e);
        }
    }

    /** Runs the postponed loop on a pool thread; a pool that is shutting down gets a thread of its own. */
    private static void resume(SelectorRunner runner, Executor pool) {
        try {
            pool.execute(runner);
        } catch (RejectedExecutionException shutDown) {
            Thread thread = new Thread(runner, "tether-selector-resumed");
            thread.setDaemon(true);
            thread.start();
        }
    }

    @Override
    public Executor getThreadPoolFor(Connection connection, IOEvent ioEvent) {
        return null;
    }

    @Override
    public ThreadPoolConfig createDefaultWorkerPoolConfig(org.glassfish.grizzly.Transport transport) {
        return null;
    }
}
