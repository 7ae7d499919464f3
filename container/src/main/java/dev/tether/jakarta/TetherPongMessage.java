package dev.tether.jakarta;

import jakarta.websocket.PongMessage;

import java.nio.ByteBuffer;

/** A received pong's application data; the buffer is the receiver's own copy. */
record TetherPongMessage(ByteBuffer data) implements PongMessage {
    @Override
    public ByteBuffer getApplicationData() {
        return data;
    }
}
