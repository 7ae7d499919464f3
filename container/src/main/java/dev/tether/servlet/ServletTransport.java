package dev.tether.servlet;

import dev.tether.transport.Transport;
import dev.tether.transport.TransportHandler;
import dev.tether.transport.WriteCallback;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.WebConnection;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Transport} over an upgraded servlet connection, driven only by the servlet
 * container's non-blocking I/O: input is read while {@link ServletInputStream#isReady()} says
 * so and otherwise waits for {@link ReadListener#onDataAvailable()}; output is written while
 * {@link ServletOutputStream#isReady()} says so and otherwise waits for
 * {@link WriteListener#onWritePossible()}. Nothing here blocks.
 *
 * <p>Threading: reads happen on the container's threads only, one at a time; a long pause
 * ({@link #pauseReading()}) holds the reading container thread until reading resumes. {@link #write} may be called from any thread; the
 * stream is written by one thread at a time and write callbacks run outside the lock. Buffers
 * passed to {@code write} are copied out before their callback runs.
 */
final class ServletTransport implements Transport {
    private static final System.Logger LOG = System.getLogger(ServletTransport.class.getName());
    private static final int READ_BUFFER = 16 * 1024;
    private static final int WRITE_CHUNK = 64 * 1024;
    private static final long READ_AFTER_PAUSE = 256 * 1024;
    /** How often a container thread held for a pause writes what waits (see {@code awaitResume}). */
    private static final long WRITE_CHECK_MILLIS = 5;

    private final WebConnection connection;
    private final ServletInputStream in;
    private final ServletOutputStream out;
    private final boolean secure;
    private final InetSocketAddress local;
    private final InetSocketAddress remote;
    private volatile TransportHandler handler;

    private final Object readLock = new Object();
    private final byte[] readBuffer = new byte[READ_BUFFER];
    /** Guarded by readLock. */
    private boolean paused;
    /** Bytes read since the pause began; guarded by readLock. */
    private long readWhilePaused;

    private final Object writeLock = new Object();
    private final ArrayDeque<PendingWrite> writes = new ArrayDeque<>();
    private final byte[] writeChunk = new byte[WRITE_CHUNK];
    /** Guarded by writeLock. */
    private boolean draining;
    /** Guarded by writeLock. */
    private boolean closeAfterWrites;

    private final Object endLock = new Object();
    /** Guarded by endLock. */
    private boolean ended;

    private record PendingWrite(ByteBuffer[] buffers, WriteCallback callback) {
        boolean done() {
            for (ByteBuffer b : buffers) {
                if (b.hasRemaining()) {
                    return false;
                }
            }
            return true;
        }
    }

    ServletTransport(WebConnection connection, boolean secure,
                     InetSocketAddress local, InetSocketAddress remote) throws IOException {
        this.connection = connection;
        this.in = connection.getInputStream();
        this.out = connection.getOutputStream();
        this.secure = secure;
        this.local = local;
        this.remote = remote;
    }

    /**
     * Registers the listeners; from now on input goes to the handler. Must be called from
     * {@code HttpUpgradeHandler.init}, on the container's thread, after {@link #setHandler}.
     */
    void start() {
        in.setReadListener(new Reader());
        out.setWriteListener(new Writer());
    }

    @Override
    public void setHandler(TransportHandler handler) {
        this.handler = handler;
    }

    // ---- input ----

    private void readAvailable() throws IOException {
        synchronized (readLock) {
            while (!isEnded()) {
                if (paused && readWhilePaused >= READ_AFTER_PAUSE) {
                    awaitResume();
                    continue;
                }
                if (!in.isReady()) {
                    return;
                }
                int n = in.read(readBuffer);
                if (n < 0) {
                    ended(null);
                    return;
                }
                if (paused) {
                    readWhilePaused += n;
                }
                if (n > 0) {
                    handler.onRead(ByteBuffer.wrap(readBuffer, 0, n));
                }
            }
        }
    }

    /**
     * Holds the container's thread until reading resumes or the connection ends, writing what
     * waits meanwhile. Called with the read lock held; waiting releases it.
     *
     * <p>While this thread is held in {@code onDataAvailable} the container does not call
     * {@code onWritePossible} for the connection (Tomcat runs one event of a connection at a
     * time), yet reading resumes only once the endpoint has taken the messages read, and the
     * endpoint may be waiting for its answers to go out: so the held thread itself writes
     * what waits, every few milliseconds, until reading resumes.
     */
    private void awaitResume() throws IOException {
        try {
            readLock.wait(WRITE_CHECK_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading was paused");
        }
        if (hasPendingWrites()) {
            drain();
        }
    }

    private boolean hasPendingWrites() {
        synchronized (writeLock) {
            return !writes.isEmpty();
        }
    }

    /**
     * Reading goes on for a while after a pause (the engine accepts bytes already on their way)
     * and stops only after {@link #READ_AFTER_PAUSE} more bytes, by holding the container's
     * thread in {@code onDataAvailable} until {@link #resumeReading()}. The servlet API offers no
     * way to ask the container for a new {@code onDataAvailable}, and reading from any other
     * thread races the container's own reads (TLS records get corrupted in Tomcat), so the
     * container's threads stay the only readers. A short pause, such as the one until the
     * endpoint's {@code onOpen} has returned, never holds a thread.
     */
    @Override
    public void pauseReading() {
        synchronized (readLock) {
            if (!paused) {
                paused = true;
                readWhilePaused = 0;
            }
        }
    }

    @Override
    public void resumeReading() {
        synchronized (readLock) {
            paused = false;
            readLock.notifyAll();
        }
    }

    private final class Reader implements ReadListener {
        @Override
        public void onDataAvailable() throws IOException {
            readAvailable();
        }

        @Override
        public void onAllDataRead() {
            ended(null);
        }

        @Override
        public void onError(Throwable t) {
            failed(t);
        }
    }

    // ---- output ----

    @Override
    public void write(ByteBuffer[] buffers, WriteCallback callback) {
        synchronized (writeLock) {
            if (!isEnded()) {
                writes.add(new PendingWrite(buffers, callback));
                callback = null;
            }
        }
        if (callback != null) {
            callback.onWriteComplete(new IOException("connection closed"));
            return;
        }
        drain();
    }

    /** Writes what the stream accepts now; the rest waits for {@code onWritePossible}. */
    private void drain() {
        List<WriteCallback> completed = new ArrayList<>();
        boolean close = false;
        try {
            synchronized (writeLock) {
                if (draining || isEnded()) {
                    return;
                }
                draining = true;
            }
            while (true) {
                synchronized (writeLock) {
                    if (!writeSome(completed)) {
                        draining = false;
                        break;
                    }
                    if (writes.isEmpty() && completed.isEmpty()) {
                        draining = false;
                        close = closeAfterWrites;
                        break;
                    }
                }
                complete(completed, null);
            }
        } catch (IOException e) {
            synchronized (writeLock) {
                draining = false;
            }
            complete(completed, null);
            failed(e);
            return;
        }
        complete(completed, null);
        if (close) {
            closeConnection();
        }
    }

    /**
     * Writes queued buffers while the stream is ready, collecting the callbacks of those fully
     * written, then flushes. Returns false if the stream is not ready ({@code onWritePossible}
     * will follow), true if everything queued has been written and flushed. Called with the
     * write lock held.
     */
    private boolean writeSome(List<WriteCallback> completed) throws IOException {
        while (!writes.isEmpty()) {
            PendingWrite head = writes.peek();
            if (head.done()) {
                writes.poll();
                completed.add(head.callback());
                continue;
            }
            if (!out.isReady()) {
                return false;
            }
            out.write(writeChunk, 0, fill(head.buffers()));
        }
        if (!out.isReady()) {
            return false;
        }
        // Containers may hold small writes in a buffer; a frame must not wait there.
        out.flush();
        return out.isReady();
    }

    /** Copies up to one chunk from {@code buffers} (advancing them) and returns its length. */
    private int fill(ByteBuffer[] buffers) {
        int n = 0;
        for (ByteBuffer b : buffers) {
            int take = Math.min(b.remaining(), writeChunk.length - n);
            b.get(writeChunk, n, take);
            n += take;
            if (n == writeChunk.length) {
                break;
            }
        }
        return n;
    }

    private static void complete(List<WriteCallback> callbacks, Throwable failure) {
        for (WriteCallback callback : callbacks) {
            try {
                callback.onWriteComplete(failure);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "write callback failed", e);
            }
        }
        callbacks.clear();
    }

    private final class Writer implements WriteListener {
        @Override
        public void onWritePossible() {
            drain();
        }

        @Override
        public void onError(Throwable t) {
            failed(t);
        }
    }

    // ---- closing ----

    @Override
    public void close() {
        synchronized (writeLock) {
            closeAfterWrites = true;
        }
        drain();
    }

    @Override
    public void abort() {
        closeConnection();
    }

    private void closeConnection() {
        try {
            connection.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the upgraded connection failed", e);
        }
        ended(null);
    }

    private void failed(Throwable cause) {
        try {
            connection.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the upgraded connection failed", e);
        }
        ended(cause);
    }

    /** Reports the end to the handler once, and fails the writes still queued. */
    void ended(Throwable cause) {
        synchronized (endLock) {
            if (ended) {
                return;
            }
            ended = true;
        }
        synchronized (readLock) {
            readLock.notifyAll();
        }
        List<WriteCallback> dropped = new ArrayList<>();
        synchronized (writeLock) {
            writes.forEach(w -> dropped.add(w.callback()));
            writes.clear();
        }
        complete(dropped, new IOException("connection closed"));
        TransportHandler h = handler;
        if (h != null) {
            h.onClosed(cause);
        }
    }

    private boolean isEnded() {
        synchronized (endLock) {
            return ended;
        }
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }
}
