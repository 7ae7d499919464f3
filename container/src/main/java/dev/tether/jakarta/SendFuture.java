package dev.tether.jakarta;

import dev.tether.transport.IoHandOff;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The future of an asynchronous send: a {@link CompletableFuture} whose waiting methods first
 * give back a connection's reading that the calling thread may hold
 * ({@link IoHandOff#beforeBlocking()}). An endpoint that waits for its own send inside a
 * callback thus never stops its peer's data from being read while it waits.
 */
final class SendFuture extends CompletableFuture<Void> {

    @Override
    public Void get() throws InterruptedException, ExecutionException {
        beforeWaiting();
        return super.get();
    }

    @Override
    public Void get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        beforeWaiting();
        return super.get(timeout, unit);
    }

    @Override
    public Void join() {
        beforeWaiting();
        return super.join();
    }

    private void beforeWaiting() {
        if (!isDone()) {
            IoHandOff.beforeBlocking();
        }
    }
}
