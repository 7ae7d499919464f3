package dev.tether.engine;

import dev.tether.extension.DeflateCodec;
import dev.tether.protocol.CloseException;
import dev.tether.protocol.CloseStatus;
import dev.tether.protocol.FrameListener;
import dev.tether.protocol.FrameParser;
import dev.tether.protocol.FrameWriter;
import dev.tether.protocol.MaskKeys;
import dev.tether.protocol.Masking;
import dev.tether.protocol.OpCode;
import dev.tether.transport.HeldInput;
import dev.tether.transport.IoHandOff;
import dev.tether.transport.Transport;
import dev.tether.transport.TransportHandler;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One WebSocket connection after its handshake: reads frames from a {@link Transport}, joins
 * them into messages for a {@link SessionHandler}, answers pings, runs the closing handshake
 * and its timeout, and writes what the layer above sends through one {@link Outbox}.
 *
 * <p>Threading: input is parsed on the transport's I/O thread (and, once, input held until
 * {@code onOpen} returned, on the executor), which never runs application code: messages are
 * handed to the handler through a {@link SerialExecutor}. The send methods
 * may be called from any thread and never block; each reports through its
 * {@link SendCallback}. Any failure is turned into a close code in one place, {@link #fail}.
 */
public final class WebSocketConnection implements TransportHandler {
    private static final System.Logger LOG = System.getLogger(WebSocketConnection.class.getName());
    /** Payloads up to this size are copied behind their header: one buffer beats a gathered write. */
    private static final int COPY_THRESHOLD = 8 * 1024;
    /**
     * Sends made inside a batch of callbacks wait to be written together up to this many bytes:
     * enough to answer a read of small messages with one write, little enough to hold.
     */
    private static final int BATCH_WRITE_LIMIT = 64 * 1024;

    /**
     * A message (or part) of at least this many bytes is bulk transfer: it goes to a pool thread
     * and the reading thread stays on its I/O loop ({@link IoHandOff}), as for a read of several
     * messages; a smaller one that a read completes alone may run on the reading thread.
     */
    private static final int BULK_MESSAGE = 8 * 1024;

    /** The reserved bit permessage-deflate owns: set on the first frame of a compressed message. */
    private static final int RSV1 = 4;

    private final Transport transport;
    private final DeflateCodec deflate;
    private final boolean client;
    private final EngineConfig config;
    private final ScheduledExecutorService timer;
    private final SerialExecutor events;
    private final FrameParser parser;
    private final MessageAssembler assembler;
    private final Outbox outbox;
    private final WriteStallGuard stallGuard;
    private final ConnectionState state = new ConnectionState();
    private final MaskKeys maskKeys;
    /** The close has been reported to the handler. */
    private static final int CLOSE_REPORTED = 1;
    /** A violation was found. */
    private static final int FAILING = 2;
    /** The violation's close frame is queued. */
    private static final int FAILED = 4;
    private static final VarHandle FLAGS;

    static {
        try {
            FLAGS = MethodHandles.lookup().findVarHandle(WebSocketConnection.class, "flags", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * {@link #CLOSE_REPORTED}, {@link #FAILING}, {@link #FAILED}: each set once, by compare-and-set.
     * One int rather than three atomic objects: thousands of idle sessions each keep it.
     */
    @SuppressWarnings("unused") // through FLAGS
    private volatile int flags;
    private final Object sendLock = new Object();
    /** Serialises reading: the I/O thread's reads and, once, the executor's read of held input. */
    private final Object readLock = new Object();
    /** Whether {@code onOpen} has returned; before that input is held. Guarded by {@code readLock}. */
    private boolean open;
    private boolean pausedUntilOpen;
    private HeldInput held;
    /** The connection ended while input was held for {@code onOpen}; guarded by {@code readLock}. */
    private boolean endedWhileHeld;
    private Throwable endedWhileHeldCause;

    private SessionHandler handler;
    /** Set once the input must be ignored: after a close frame or a violation. */
    private volatile boolean inputDone;
    private volatile CloseStatus sentClose;
    private volatile CloseStatus receivedClose;
    private volatile ScheduledFuture<?> closeTimer;
    private final IdleTimeout idleTimeout;
    /** Bytes of messages read but not yet handed to the handler; reading pauses past the limit. */
    private long backlog;
    private boolean readingPaused;
    /** Opcode of the partial message being sent, or -1. Guarded by {@code sendLock}. */
    private int outgoingMessage = -1;
    /** Whether the message being sent is compressed (RSV1 on its first frame). Guarded by {@code sendLock}. */
    private boolean outgoingCompressed;
    /**
     * Bytes queued by sends inside the current batch of callbacks and not yet flushed. Touched
     * only on the thread running this session's callbacks.
     */
    private long batchedBytes;

    /**
     * @param transport the connection, already past its HTTP handshake
     * @param client    whether we are the client (we mask, the peer may not)
     * @param deflate   the permessage-deflate state if that extension was agreed, else null; it
     *                  owns RSV1, and the connection releases it when it ends
     * @param config    limits and timeouts
     * @param executor  runs handler callbacks (through a per-connection serial queue)
     * @param timer     runs the close and idle timeouts; its tasks only touch this engine
     */
    public WebSocketConnection(Transport transport, boolean client, DeflateCodec deflate, EngineConfig config,
                               Executor executor, ScheduledExecutorService timer) {
        this.transport = transport;
        this.client = client;
        this.config = config;
        this.timer = timer;
        this.events = new SerialExecutor(executor, this::flushBatch);
        this.assembler = new MessageAssembler(config.maxTextMessageSize(), config.maxBinaryMessageSize());
        this.parser = new FrameParser(client ? FrameParser.Role.CLIENT : FrameParser.Role.SERVER,
                deflate == null ? 0 : RSV1, new Frames());
        this.deflate = deflate;
        this.stallGuard = new WriteStallGuard(timer, config.stalledWriteTimeout(), this::writeStalled);
        this.outbox = new Outbox(transport, config.maxOutgoingBytes(), stallGuard);
        this.maskKeys = client ? new MaskKeys() : null;
        this.idleTimeout = new IdleTimeout(timer, state::isOpen, this::idleTimedOut);
    }

    /**
     * Starts the connection: the handler's {@code onOpen} runs first; input (starting with
     * {@code leftover}, bytes that arrived with the handshake) is read only once it has
     * returned, so the handlers it registers decide how the first message is delivered.
     * Until then reading is paused and what arrived is held.
     */
    public void start(SessionHandler handler, ByteBuffer leftover) {
        this.handler = handler;
        synchronized (readLock) {
            if (leftover != null && leftover.hasRemaining()) {
                hold(leftover);
            }
        }
        transport.setHandler(this);
        events.execute(() -> {
            try {
                handler.onOpen();
            } finally {
                opened();
            }
        });
    }

    /** Runs on the serial executor once {@code onOpen} has returned: reads what was held, then reading resumes. */
    private void opened() {
        boolean resume;
        boolean ended;
        synchronized (readLock) {
            open = true;
            ByteBuffer early = held == null ? null : held.take();
            held = null;
            if (early != null) {
                parse(early);
            }
            resume = pausedUntilOpen;
            pausedUntilOpen = false;
            ended = endedWhileHeld;
        }
        if (ended) {
            connectionEnded(endedWhileHeldCause);
        } else if (resume) {
            transport.resumeReading();
        }
    }

    private void hold(ByteBuffer data) {
        if (held == null) {
            held = new HeldInput(Long.MAX_VALUE);
        }
        held.keep(data);
    }

    /** Whether {@code onOpen} has returned and the input held until then has been read. */
    public boolean hasOpened() {
        synchronized (readLock) {
            return open;
        }
    }

    /** The serial executor the handler's callbacks run on; the layer above may queue its own tasks there. */
    public SerialExecutor events() {
        return events;
    }

    /** The limits and timeouts this connection runs with. */
    public EngineConfig config() {
        return config;
    }

    public Transport transport() {
        return transport;
    }

    /** The status of the close frame the peer sent, or null if none has arrived. */
    public CloseStatus receivedClose() {
        return receivedClose;
    }

    /** Whether messages may still be sent: neither side has started to close. */
    public boolean isOpen() {
        return state.isOpen();
    }

    public void setMaxTextMessageSize(long max) {
        assembler.setMaxTextSize(max);
    }

    public void setMaxBinaryMessageSize(long max) {
        assembler.setMaxBinarySize(max);
    }

    public long maxTextMessageSize() {
        return assembler.maxTextSize();
    }

    public long maxBinaryMessageSize() {
        return assembler.maxBinarySize();
    }

    /** Bytes of frames waiting to be written, or being written, now. */
    public long outgoingBytes() {
        return outbox.queuedBytes();
    }

    /** The most bytes that have waited to be written at once on this connection: its worst cost. */
    public long peakOutgoingBytes() {
        return outbox.peakQueuedBytes();
    }

    // ---- input (I/O thread) ----

    @Override
    public void onRead(ByteBuffer data) {
        synchronized (readLock) {
            if (!open && !inputDone) {
                // Reading pauses at once, so what is held here is at most one read.
                hold(data);
                if (!pausedUntilOpen) {
                    pausedUntilOpen = true;
                    transport.pauseReading();
                }
                return;
            }
            parse(data);
        }
    }

    private void parse(ByteBuffer data) {
        if (inputDone) {
            data.position(data.limit());
            return;
        }
        idleTimeout.touch();
        // Everything one read yields is queued before a thread is woken to run it: one hand-off
        // per read, and the answers to its messages can leave in one write (see sendData).
        events.hold();
        try {
            parser.parse(data);
        } catch (CloseException e) {
            fail(e);
        } catch (RuntimeException e) {
            fail(new CloseException(CloseStatus.INTERNAL_ERROR, "internal error while reading", e));
        } finally {
            events.release();
        }
    }

    /**
     * The connection ended. Input that arrived before the end and waits for {@code onOpen} to
     * return is read first (it may hold the peer's close frame): the end is then handled by
     * {@link #opened()}.
     */
    @Override
    public void onClosed(Throwable cause) {
        synchronized (readLock) {
            if (!open && held != null) {
                endedWhileHeld = true;
                endedWhileHeldCause = cause;
                return;
            }
        }
        connectionEnded(cause);
    }

    private void connectionEnded(Throwable cause) {
        inputDone = true;
        cancelTimers();
        if (deflate != null) {
            deflate.close();
        }
        outbox.fail(new ConnectionClosedException(cause));
        state.terminate();
        if (cause != null && !isSet(CLOSE_REPORTED)) {
            events.execute(() -> handler.onError(cause));
        }
        reportClose(new CloseStatus(CloseStatus.ABNORMAL,
                cause == null ? "connection closed without a close frame" : "connection failed: " + cause));
    }

    private final class Frames implements FrameListener {
        @Override
        public void onDataFrameStart(int opcode, boolean fin, int rsv, long payloadLength) {
            boolean first = opcode != OpCode.CONTINUATION;
            boolean parts = first && handler.wantsParts(opcode == OpCode.TEXT);
            assembler.frameStart(opcode, payloadLength, parts, first && (rsv & RSV1) != 0);
        }

        @Override
        public void onDataPayload(ByteBuffer chunk, int maskKey, int keyOffset) {
            if (assembler.isCompressed()) {
                Masking.mask(chunk, maskKey, keyOffset);
                inflate(chunk);
            } else {
                assembler.payload(chunk, maskKey, keyOffset);
            }
        }

        @Override
        public void onDataFrameEnd(boolean fin) {
            if (fin && assembler.isCompressed()) {
                try {
                    deflate.finishMessage(assembler::payload);
                } catch (IllegalArgumentException e) {
                    throw CloseException.badData(e.getMessage());
                }
            }
            if (assembler.isPartial()) {
                deliverPart(fin);
                return;
            }
            if (!fin) {
                return;
            }
            long bytes = assembler.size();
            if (assembler.isText()) {
                String text = assembler.finishText();
                deliver(bytes, () -> handler.onText(text));
            } else {
                ByteBuffer message = assembler.finishBinary();
                deliver(bytes, () -> handler.onBinary(message));
            }
        }

        @Override
        public void onControlFrame(int opcode, ByteBuffer payload) {
            switch (opcode) {
                case OpCode.PING -> sendControl(OpCode.PONG, copy(payload), SendCallback.NONE);
                case OpCode.PONG -> {
                    ByteBuffer data = copy(payload);
                    events.execute(() -> handler.onPong(data));
                }
                case OpCode.CLOSE -> closeFrameReceived(CloseStatus.decode(payload));
                default -> throw new IllegalStateException("parser passed opcode " + opcode);
            }
        }
    }

    private void deliverPart(boolean last) {
        long bytes = assembler.size();
        if (assembler.isText()) {
            String part = assembler.finishTextPart(last);
            deliver(bytes, () -> handler.onTextPart(part, last));
        } else {
            ByteBuffer part = assembler.finishBinaryPart(last);
            deliver(bytes, () -> handler.onBinaryPart(part, last));
        }
    }

    private void inflate(ByteBuffer chunk) {
        try {
            deflate.inflate(chunk, assembler::payload);
        } catch (IllegalArgumentException e) {
            throw CloseException.badData(e.getMessage());
        }
    }

    /** Hands a message to the handler, pausing input while too much waits for it. */
    private void deliver(long size, Runnable task) {
        if (size >= BULK_MESSAGE) {
            // Bulk transfer: the I/O thread had better read on at once than run the callback itself.
            IoHandOff.decline();
        }
        synchronized (this) {
            backlog += size;
            if (backlog > config.maxInboundBacklog() && !readingPaused) {
                readingPaused = true;
                transport.pauseReading();
            }
        }
        events.execute(() -> {
            try {
                task.run();
            } finally {
                delivered(size);
            }
        });
    }

    private void delivered(long size) {
        boolean resume;
        synchronized (this) {
            backlog -= size;
            resume = readingPaused && backlog <= config.maxInboundBacklog() / 2;
            if (resume) {
                readingPaused = false;
            }
        }
        if (resume) {
            transport.resumeReading();
        }
    }

    /**
     * The answer is queued, then the close reported, then the answer written: the handler cannot
     * send a close of its own first, and writing may close the transport at once, whose
     * {@code onClosed} would otherwise report 1006 first. Reading pauses until the answer is
     * written: a peer may end TCP right behind its close frame (Jetty does), and reading that end
     * closes the connection, which would fail an answer still waiting behind a write whose
     * completion another thread has yet to report.
     */
    private void closeFrameReceived(CloseStatus received) {
        inputDone = true;
        receivedClose = received;
        switch (state.closeReceived()) {
            case OPEN -> {
                // The peer starts the closing handshake: answer with its code and reason (as
                // browsers' test servers do), then end.
                CloseStatus answer = received;
                transport.pauseReading();
                queueCloseFrame(answer, answer, false, false);
                reportClose(received);
                outbox.flush();
            }
            case CLOSE_SENT -> {
                cancelCloseTimer();
                reportClose(sentClose);
                afterHandshake();
            }
            default -> { }
        }
    }

    /**
     * The closing handshake is complete in both directions. The server closes TCP (RFC 6455
     * §7.1.1); the client waits for that, and gives up after the close timeout.
     */
    private void afterHandshake() {
        if (client) {
            closeTimer = schedule(transport::abort, config.closeTimeout().toNanos());
        } else {
            transport.close();
        }
    }

    // ---- output (any thread) ----

    /**
     * Sends a whole text message, or one fragment of one when {@code last} is false; the callback
     * runs once the frame has been written.
     */
    public void sendText(String text, boolean last, SendCallback callback) {
        sendText(text, last, false, callback);
    }

    /**
     * Sends a whole binary message, or one fragment of one; the callback runs once the frame has
     * been written. The buffer must not change until then.
     */
    public void sendBinary(ByteBuffer data, boolean last, SendCallback callback) {
        sendBinary(data, last, false, callback);
    }

    /**
     * As {@link #sendText(String, boolean, SendCallback)}; {@code blockingSender} says the caller
     * waits for the callback (see {@link #sendBinary(ByteBuffer, boolean, boolean, SendCallback)}).
     */
    public void sendText(String text, boolean last, boolean blockingSender, SendCallback callback) {
        sendData(OpCode.TEXT, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), last, blockingSender, callback);
    }

    /**
     * Sends a whole binary message, or one fragment of one.
     *
     * <p>A {@code blockingSender} — one that waits for the callback — is held back here while
     * the outgoing queue is over its limit ({@link EngineConfig#maxOutgoingBytes()}) rather than
     * refused, so it must not call this on an I/O thread; other senders are refused when the queue
     * is full.
     *
     * <p>The frame is written at once and the callback runs once it has been written, with one
     * exception that lets one write answer a whole read: a {@code blockingSender} inside a batch
     * — on the thread running this session's callbacks while more of its callbacks already wait
     * (the rest of one read's messages) — whose frame holds its own copy of the payload (small or
     * compressed messages). That frame is queued, the callback runs at once, and the frame is
     * written together with what the following callbacks send, when the batch ends, once
     * {@value #BATCH_WRITE_LIMIT} bytes wait, or with the next frame written at once. Should that
     * write fail, the connection is dropped (1006), as any failed write drops it. Async senders
     * are never held: one may be waiting for its own completion inside the same callback.
     *
     * <p>Unless the callback has run, the buffer must not change until it does.
     */
    public void sendBinary(ByteBuffer data, boolean last, boolean blockingSender, SendCallback callback) {
        sendData(OpCode.BINARY, data, last, blockingSender, callback);
    }

    public void sendPing(ByteBuffer payload, SendCallback callback) {
        sendControl(OpCode.PING, payload, callback);
    }

    public void sendPong(ByteBuffer payload, SendCallback callback) {
        sendControl(OpCode.PONG, payload, callback);
    }

    private void sendData(int type, ByteBuffer payload, boolean last, boolean blockingSender, SendCallback callback) {
        idleTimeout.touch();
        // Only a blocking sender's frame waits for the batch: an async sender may be waiting for
        // its own completion in this very callback.
        boolean inBatch = blockingSender && events.isCurrentThread() && events.hasWaitingTasks();
        ByteBuffer[] frame;
        boolean batched;
        IOException refusal;
        while (true) {
            synchronized (sendLock) {
                if (!state.isOpen()) {
                    callback.onSendComplete(new IOException("the WebSocket connection is closed"));
                    return;
                }
                if (outgoingMessage != -1 && outgoingMessage != type) {
                    callback.onSendComplete(new IllegalStateException(
                            "a " + OpCode.name(outgoingMessage).toLowerCase() + " message is being sent in parts"));
                    return;
                }
                // Checked under the lock every data frame is queued under: no other sender can
                // fill the queue between this check and the enqueue below.
                if (!blockingSender || !outbox.mustWait()) {
                    frame = encodeData(type, payload, last);
                    boolean ownsItsBytes = frame.length == 1 || outgoingCompressed;
                    batched = inBatch && ownsItsBytes;
                    refusal = outbox.enqueueData(frame, batched ? this::batchedWriteDone : callback, batched);
                    break;
                }
            }
            if (!awaitRoom(callback)) {
                return;
            }
        }
        if (refusal != null) {
            callback.onSendComplete(refusal);
            return;
        }
        if (batched) {
            batchedBytes += Outbox.remaining(frame);
            callback.onSendComplete(null);
            if (batchedBytes < BATCH_WRITE_LIMIT) {
                return;
            }
        }
        if (events.isCurrentThread()) {
            batchedBytes = 0;
        }
        outbox.flush();
    }

    /** Encodes the next data frame of an outgoing message, compressed if agreed. Guarded by {@code sendLock}. */
    private ByteBuffer[] encodeData(int type, ByteBuffer payload, boolean last) {
        boolean first = outgoingMessage == -1;
        int opcode = first ? type : OpCode.CONTINUATION;
        outgoingMessage = last ? -1 : type;
        if (first) {
            // A message sent in parts is compressed whatever its first part's size: the first
            // frame must say so (RSV1), and the size of the whole is not known yet.
            outgoingCompressed = deflate != null && (!last || deflate.worthCompressing(payload.remaining()));
        }
        if (outgoingCompressed) {
            ByteBuffer compressed = first && last ? deflate.compress(payload) : deflate.compressPart(payload, last);
            return encode(last, first ? RSV1 : 0, opcode, compressed);
        }
        return encode(last, 0, opcode, payload);
    }

    /**
     * A blocking sender waits, outside the send lock, while the outgoing queue is full, so that
     * it is slowed down rather than refused.
     *
     * @return false if interrupted; the callback has then been told
     */
    private boolean awaitRoom(SendCallback callback) {
        if (events.isCurrentThread() && batchedBytes > 0) {
            // What this batch queued is not being written yet: room would never come.
            flushBatch();
        }
        try {
            outbox.awaitRoom(Long.MAX_VALUE);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            callback.onSendComplete(new IOException("interrupted while waiting to send", e));
            return false;
        }
    }

    /** Writes what the current batch queued; runs on the callbacks' thread when their queue runs dry. */
    private void flushBatch() {
        if (batchedBytes > 0) {
            batchedBytes = 0;
            outbox.flush();
        }
    }

    /** A frame whose sender was told it was sent when it was queued has been written, or not. */
    private void batchedWriteDone(Throwable failure) {
        if (failure != null && state.isOpen()) {
            transport.abort();
        }
    }


    private void sendControl(int opcode, ByteBuffer payload, SendCallback callback) {
        if (payload.remaining() > 125) {
            callback.onSendComplete(new IllegalArgumentException("control frame payload over 125 bytes"));
            return;
        }
        synchronized (sendLock) {
            outbox.enqueueControl(encodeWhole(opcode, payload), callback);
        }
        outbox.flush();
    }

    private ByteBuffer[] encode(boolean fin, int rsv, int opcode, ByteBuffer payload) {
        if (client) {
            return new ByteBuffer[] {FrameWriter.maskedFrame(fin, rsv, opcode, payload, maskKeys.next())};
        }
        if (payload.remaining() <= COPY_THRESHOLD) {
            return new ByteBuffer[] {FrameWriter.frame(fin, rsv, opcode, payload)};
        }
        return new ByteBuffer[] {FrameWriter.header(fin, rsv, opcode, payload.remaining()), payload.duplicate()};
    }

    private ByteBuffer encodeWhole(int opcode, ByteBuffer payload) {
        return client
                ? FrameWriter.maskedFrame(true, 0, opcode, payload, maskKeys.next())
                : FrameWriter.frame(true, 0, opcode, payload);
    }

    /**
     * Starts the closing handshake with {@code status}; the handler's {@code onClose} follows when
     * the peer answers, or with 1006 after the close timeout. Does nothing if a close was sent.
     *
     * @throws IllegalStateException if the code may not be sent ({@link CloseStatus#mayBeSent});
     *                               the connection is then unchanged
     */
    public void close(CloseStatus status) {
        close(status, status);
    }

    /**
     * Starts the closing handshake with {@code status} on the wire, and reports {@code reported}
     * to the handler when it completes (for a close the container itself starts).
     */
    public void close(CloseStatus status, CloseStatus reported) {
        if (queueCloseFrame(status, reported, false, true)) {
            outbox.flush();
        }
    }

    /** Drops the connection without a closing handshake; the handler sees 1006. */
    public void abort() {
        transport.abort();
    }

    /**
     * Queues our close frame unless one was sent; the caller flushes. With {@code awaitAnswer}
     * (we start the handshake) the close timer starts before the frame can go out, so that an
     * answer, however quick, finds the timer to cancel.
     */
    private boolean queueCloseFrame(CloseStatus status, CloseStatus reported, boolean dropData, boolean awaitAnswer) {
        // Encoded first: a code that may not be sent fails here, before the state changes.
        ByteBuffer payload = status.encode();
        boolean handshakeComplete;
        synchronized (sendLock) {
            if (!state.closeSent()) {
                return false;
            }
            sentClose = reported;
            handshakeComplete = !state.isOpen() && inputDone;
            if (awaitAnswer && !handshakeComplete) {
                closeTimer = schedule(this::closeTimedOut, config.closeTimeout().toNanos());
            }
            outbox.enqueueClose(encodeWhole(OpCode.CLOSE, payload), dropData, failure -> {
                if (failure != null) {
                    transport.abort();
                } else if (handshakeComplete && !dropData) {
                    // Our answer is out: the end of the stream may be read now.
                    transport.resumeReading();
                    afterHandshake();
                }
            });
        }
        return true;
    }

    private void closeTimedOut() {
        if (isSet(CLOSE_REPORTED)) {
            return;
        }
        LOG.log(System.Logger.Level.DEBUG, "close handshake timed out");
        // Reported before the abort, whose onClosed would otherwise report first with its own reason.
        reportClose(new CloseStatus(CloseStatus.ABNORMAL, "the peer did not answer the close frame in time"));
        transport.abort();
    }

    /**
     * Fails the connection (RFC 6455 §7.1.7): the one place a failure becomes a close code.
     * Input stops at once; the close frame with the failure's code waits its turn behind the
     * messages read before the violation, so that what their handlers send (an echo) still goes
     * out first, as a peer that sent the message and then the bad frame expects. The close
     * timeout bounds that wait should a handler hang. Then data not yet written is dropped, the
     * close frame goes out, and the transport closes once it is written.
     */
    private void fail(CloseException failure) {
        inputDone = true;
        if (!setOnce(FAILING)) {
            return;
        }
        ScheduledFuture<?> stuck = schedule(() -> failNow(failure), config.closeTimeout().toNanos());
        events.execute(() -> {
            stuck.cancel(false);
            failNow(failure);
        });
    }

    private void failNow(CloseException failure) {
        if (!setOnce(FAILED)) {
            return;
        }
        int code = failure.closeCode();
        String reason = failure.getMessage() == null ? "" : failure.getMessage();
        CloseStatus status = new CloseStatus(code, reason);
        boolean closeWasSent;
        synchronized (sendLock) {
            // From here no data frame is accepted and no other close frame queued.
            closeWasSent = !state.closeSent();
            if (!closeWasSent) {
                sentClose = status;
            }
        }
        state.terminate();
        // The handler hears only now, when a close it sends changes nothing, and before our close
        // frame is even queued: a write already under way ends on another thread, which then
        // writes what is queued, and the transport closes once the close frame is out, whose
        // onClosed would otherwise report 1006 first.
        events.execute(() -> handler.onError(failure));
        reportClose(status);
        if (closeWasSent) {
            transport.close();
        } else {
            synchronized (sendLock) {
                outbox.enqueueClose(encodeWhole(OpCode.CLOSE, status.encode()), true, written -> transport.close());
                closeTimer = schedule(transport::abort, config.closeTimeout().toNanos());
            }
        }
        outbox.flush();
    }

    private boolean isSet(int flag) {
        return (flags & flag) != 0;
    }

    /** Sets {@code flag}; true if this call set it, false if it was set already. */
    private boolean setOnce(int flag) {
        while (true) {
            int now = flags;
            if ((now & flag) != 0) {
                return false;
            }
            if (FLAGS.compareAndSet(this, now, now | flag)) {
                return true;
            }
        }
    }

    private void reportClose(CloseStatus status) {
        if (setOnce(CLOSE_REPORTED)) {
            idleTimeout.cancel();
            events.execute(() -> handler.onClose(status));
        }
    }

    // ---- timers ----

    /**
     * Sets the idle timeout: with no frame read or message sent for that long, the connection is
     * closed with 1001 (and the handler told 1006). Zero or less disables it.
     */
    public void setIdleTimeout(long millis) {
        idleTimeout.set(millis);
    }

    private void idleTimedOut() {
        // Jakarta WebSocket §2.1.5: a close the container starts is 1006 to the local endpoint;
        // the peer is told 1001 (1006 may not be sent).
        close(new CloseStatus(CloseStatus.GOING_AWAY, "idle timeout"),
                new CloseStatus(CloseStatus.ABNORMAL, "idle timeout"));
    }

    private ScheduledFuture<?> schedule(Runnable task, long nanos) {
        return timer.schedule(task, nanos, TimeUnit.NANOSECONDS);
    }

    private void cancelCloseTimer() {
        ScheduledFuture<?> t = closeTimer;
        if (t != null) {
            t.cancel(false);
        }
    }

    private void cancelTimers() {
        idleTimeout.cancel();
        stallGuard.stop();
        cancelCloseTimer();
    }

    /**
     * The peer has taken none of our bytes for the stalled-write timeout. A close frame would wait
     * behind the data it is not reading, so the connection is dropped at once, as a failed write
     * would drop it: waiting sends fail with the timeout, the handler hears it and 1006.
     */
    private void writeStalled() {
        long millis = config.stalledWriteTimeout().toMillis();
        java.net.SocketTimeoutException stalled = new java.net.SocketTimeoutException(
                "no write progress for " + millis + " ms: the peer is not reading");
        LOG.log(System.Logger.Level.DEBUG, stalled.getMessage());
        inputDone = true;
        state.terminate();
        outbox.fail(stalled);
        if (!isSet(CLOSE_REPORTED)) {
            events.execute(() -> handler.onError(stalled));
        }
        // Reported before the abort, whose onClosed would otherwise report first with its own reason.
        reportClose(new CloseStatus(CloseStatus.ABNORMAL, "the peer stopped reading: no write progress for "
                + millis + " ms"));
        transport.abort();
    }

    private static ByteBuffer copy(ByteBuffer source) {
        ByteBuffer copy = ByteBuffer.allocate(source.remaining());
        copy.put(source.duplicate());
        return copy.flip();
    }

    /**
     * The end of the connection, as the failure of what was still queued to send. Every
     * connection makes one when it ends, so it takes no stack trace: the stack of the thread
     * that noticed the end says nothing a sender could use (the cause, if any, keeps its own).
     */
    private static final class ConnectionClosedException extends IOException {
        ConnectionClosedException(Throwable cause) {
            super("connection closed", cause);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
