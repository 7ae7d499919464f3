package dev.tether.engine;

import dev.tether.transport.Transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The one writer of a connection: frames wait here and go to the transport in batches, one
 * batch in flight at a time. Control frames (ping, pong) overtake data frames that have not
 * yet been handed to the transport; a close frame goes after the data queued before it and
 * ends the queue. Frames are never split or interleaved, so the wire keeps frame boundaries.
 *
 * <p>Thread-safe: any thread may enqueue, then calls {@link #flush()} (outside its own locks,
 * so a slow write never holds other senders). Whoever finds the writer idle writes;
 * completions (often on an I/O thread) write the next batch. A failure fails every waiting
 * frame once.
 */
final class Outbox {
    /**
     * @param batched queued by the session's own callbacks to answer messages already read, and
     *                held to be written with the rest of their batch: failing the connection does
     *                not drop it (its sender may have been told it was sent)
     */
    private record Pending(ByteBuffer[] buffers, long bytes, SendCallback callback, boolean batched) { }

    private final Transport transport;
    private final long maxQueuedBytes;
    private final WriteStallGuard stallGuard;
    // Two slots to start with (the default is seventeen): an idle session keeps this queue.
    private final ArrayDeque<Pending> data = new ArrayDeque<>(1);
    /** Pings and pongs; made at the first, as most sessions never send one. */
    private ArrayDeque<Pending> control;
    private long queuedBytes;
    /** The most {@code queuedBytes} has been: what this session's sending has cost at worst. */
    private long peakQueuedBytes;
    private boolean writing;
    private boolean flushing;
    /** Set once a close frame is queued: nothing may follow it. */
    private boolean closed;
    private Throwable failure;

    /** @param stallGuard watches each write the outbox starts, for a peer that stopped reading */
    Outbox(Transport transport, long maxQueuedBytes, WriteStallGuard stallGuard) {
        this.transport = transport;
        this.maxQueuedBytes = maxQueuedBytes;
        this.stallGuard = stallGuard;
    }

    /**
     * Queues a data frame, whose callback runs once it has been written or has failed.
     *
     * @param batched whether it was sent inside a batch of the session's callbacks (see
     *        {@link WebSocketConnection#sendBinary(ByteBuffer, boolean, boolean, SendCallback)}): a
     *        close that fails the connection then goes after it rather than dropping it
     * @return null if queued, else why not (the queue is closed or has reached its limit); the
     *         callback is then not run: the caller reports the refusal
     */
    IOException enqueueData(ByteBuffer[] buffers, SendCallback callback, boolean batched) {
        long bytes = remaining(buffers);
        synchronized (this) {
            IOException refusal = refusal(bytes);
            if (refusal == null) {
                data.add(new Pending(buffers, bytes, callback, batched));
                added(bytes);
            }
            return refusal;
        }
    }

    /** Queues a ping or pong ahead of waiting data frames. */
    void enqueueControl(ByteBuffer frame, SendCallback callback) {
        IOException refusal;
        synchronized (this) {
            refusal = closed || failure != null ? closedError() : null;
            if (refusal == null) {
                if (control == null) {
                    control = new ArrayDeque<>(1);
                }
                control.add(new Pending(new ByteBuffer[] {frame}, frame.remaining(), callback, false));
                added(frame.remaining());
            }
        }
        if (refusal != null) {
            callback.onSendComplete(refusal);
        }
    }

    /**
     * Queues the close frame as the last frame. With {@code dropData}, data frames not yet
     * handed to the transport are failed and the close goes first (failing a connection),
     * except those {@code batched}, which it follows; otherwise it goes after them all
     * (a normal close).
     */
    void enqueueClose(ByteBuffer frame, boolean dropData, SendCallback callback) {
        List<Pending> dropped = List.of();
        synchronized (this) {
            if (closed || failure != null) {
                callback.onSendComplete(closedError());
                return;
            }
            closed = true;
            notifyAll();
            if (dropData) {
                dropped = new ArrayList<>(data);
                dropped.removeIf(Pending::batched);
                data.removeIf(p -> !p.batched);
                dropped.forEach(p -> queuedBytes -= p.bytes);
            }
            data.add(new Pending(new ByteBuffer[] {frame}, frame.remaining(), callback, false));
            added(frame.remaining());
        }
        if (!dropped.isEmpty()) {
            IOException error = new IOException("the connection is closing");
            dropped.forEach(p -> p.callback.onSendComplete(error));
        }
    }

    /** Fails every waiting frame with {@code cause}; later enqueues fail at once. */
    void fail(Throwable cause) {
        List<Pending> failed;
        synchronized (this) {
            if (failure != null) {
                return;
            }
            failure = cause;
            notifyAll();
            failed = new ArrayList<>(controlCount() + data.size());
            if (control != null) {
                failed.addAll(control);
                control.clear();
            }
            failed.addAll(data);
            data.clear();
            // A batch being written stays counted until the transport reports its end.
            failed.forEach(p -> queuedBytes -= p.bytes);
        }
        failed.forEach(p -> p.callback.onSendComplete(cause));
    }

    /**
     * Waits while more than the limit waits to be written, so that a blocking sender is held
     * back instead of refused. Returns at once when the queue has room or is closed or failed.
     *
     * @return false if {@code timeoutNanos} passed first
     */
    synchronized boolean awaitRoom(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (mustWait()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** Whether a blocking sender has to wait for room: the queue is full and still open. */
    synchronized boolean mustWait() {
        return isFull() && !closed && failure == null;
    }

    synchronized long queuedBytes() {
        return queuedBytes;
    }

    synchronized long peakQueuedBytes() {
        return peakQueuedBytes;
    }

    /** Guarded by {@code this}. */
    private void added(long bytes) {
        queuedBytes += bytes;
        peakQueuedBytes = Math.max(peakQueuedBytes, queuedBytes);
    }

    private IOException refusal(long bytes) {
        if (closed || failure != null) {
            return closedError();
        }
        if (isFull()) {
            return new IOException("send queue full: " + queuedBytes + " bytes waiting, limit " + maxQueuedBytes);
        }
        return null;
    }

    /**
     * Whether the queue has reached its limit. Below it any one message is accepted, however
     * large, so the queue may pass the limit by at most one message.
     */
    private boolean isFull() {
        return queuedBytes > 0 && queuedBytes >= maxQueuedBytes;
    }

    private IOException closedError() {
        IOException e = new IOException("the connection is closed");
        if (failure != null) {
            e.initCause(failure);
        }
        return e;
    }

    /**
     * Hands waiting frames to the transport while it is idle. One thread at a time runs the
     * loop; a completion that arrives inside {@code transport.write} just clears
     * {@code writing}, and the loop goes on, so inline completions never recurse.
     */
    void flush() {
        synchronized (this) {
            if (flushing) {
                return;
            }
            flushing = true;
        }
        while (true) {
            List<Pending> batch;
            synchronized (this) {
                if (writing || failure != null || (controlCount() == 0 && data.isEmpty())) {
                    flushing = false;
                    return;
                }
                writing = true;
                batch = new ArrayList<>(controlCount() + data.size());
                if (control != null) {
                    batch.addAll(control);
                    control.clear();
                }
                batch.addAll(data);
                data.clear();
            }
            transport.write(buffersOf(batch), stallGuard.track(error -> written(batch, error)));
            stallGuard.sent();
        }
    }

    private void written(List<Pending> batch, Throwable error) {
        synchronized (this) {
            writing = false;
            for (Pending p : batch) {
                queuedBytes -= p.bytes;
            }
            notifyAll();
        }
        for (Pending p : batch) {
            p.callback.onSendComplete(error);
        }
        if (error != null) {
            fail(error);
        } else {
            flush();
        }
    }

    /** Guarded by {@code this}. */
    private int controlCount() {
        return control == null ? 0 : control.size();
    }

    private static ByteBuffer[] buffersOf(List<Pending> batch) {
        if (batch.size() == 1) {
            return batch.get(0).buffers;
        }
        int count = 0;
        for (Pending p : batch) {
            count += p.buffers.length;
        }
        ByteBuffer[] all = new ByteBuffer[count];
        int i = 0;
        for (Pending p : batch) {
            for (ByteBuffer b : p.buffers) {
                all[i++] = b;
            }
        }
        return all;
    }

    /** The bytes left in {@code buffers}, together. */
    static long remaining(ByteBuffer[] buffers) {
        long n = 0;
        for (ByteBuffer b : buffers) {
            n += b.remaining();
        }
        return n;
    }
}
