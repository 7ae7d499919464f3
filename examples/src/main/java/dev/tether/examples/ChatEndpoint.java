package dev.tether.examples;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Chat rooms at {@code /chat/{room}}: every text message is sent to everyone in the
 * same room, the sender included.
 *
 * <p>Each connection has a name: the {@code name} query parameter if given
 * ({@code /chat/lobby?name=ada}), otherwise {@code guest-1}, {@code guest-2}, ...
 * A message {@code hello} from {@code ada} reaches the room as {@code ada: hello}.
 * Arrivals and departures are announced as {@code * ada joined} and {@code * ada left}.
 * Rooms come into being with their first member and vanish with their last.
 *
 * <p>Broadcasts go through each member's {@link jakarta.websocket.RemoteEndpoint.Async},
 * so one slow reader does not hold up the rest of the room. Chat messages are limited
 * to {@link #MAX_MESSAGE_SIZE} bytes; a longer one closes that connection with 1009.
 */
@ServerEndpoint("/chat/{room}")
public class ChatEndpoint {

    /** Largest chat message accepted, in bytes. */
    public static final int MAX_MESSAGE_SIZE = 64 * 1024;

    /** Longest name kept from the {@code name} query parameter, in characters. */
    static final int MAX_NAME_LENGTH = 32;

    private static final System.Logger LOG = System.getLogger(ChatEndpoint.class.getName());

    private static final String NAME = "dev.tether.examples.chat.name";

    /** Open sessions by room name; a room that becomes empty is removed in the same step. */
    private static final Map<String, Set<Session>> ROOMS = new ConcurrentHashMap<>();

    private static final AtomicInteger GUESTS = new AtomicInteger();

    /**
     * Adds the session to its room and announces it.
     *
     * @param session the new session
     * @param room the room name from the path
     */
    @OnOpen
    public void onOpen(Session session, @PathParam("room") String room) {
        String name = nameFrom(session.getRequestParameterMap());
        session.getUserProperties().put(NAME, name);
        ROOMS.compute(room, (key, members) -> {
            Set<Session> set = members != null ? members : ConcurrentHashMap.newKeySet();
            set.add(session);
            return set;
        });
        broadcast(room, "* " + name + " joined");
    }

    /**
     * Sends a chat message to everyone in the room.
     *
     * @param message the text received
     * @param session the sender
     * @param room the room name from the path
     */
    @OnMessage(maxMessageSize = MAX_MESSAGE_SIZE)
    public void onMessage(String message, Session session, @PathParam("room") String room) {
        broadcast(room, session.getUserProperties().get(NAME) + ": " + message);
    }

    /**
     * Removes the session from its room and tells the others.
     *
     * @param session the closed session
     * @param room the room name from the path
     * @param reason why it closed
     */
    @OnClose
    public void onClose(Session session, @PathParam("room") String room, CloseReason reason) {
        leave(session, room);
    }

    /**
     * Logs the error; if it has closed the session, takes the session out of its room.
     * (An error such as an exception in a handler leaves the session open and in the room;
     * {@link #onClose} handles the close that usually follows.)
     *
     * @param session the failing session
     * @param room the room name from the path
     * @param error what went wrong
     */
    @OnError
    public void onError(Session session, @PathParam("room") String room, Throwable error) {
        LOG.log(System.Logger.Level.DEBUG, "chat session " + session.getId() + " in room " + room + " failed", error);
        if (!session.isOpen()) {
            leave(session, room);
        }
    }

    private static void leave(Session session, String room) {
        boolean[] removed = {false};
        ROOMS.computeIfPresent(room, (key, members) -> {
            removed[0] = members.remove(session);
            return members.isEmpty() ? null : members;
        });
        if (removed[0]) {
            broadcast(room, "* " + session.getUserProperties().get(NAME) + " left");
        }
    }

    private static void broadcast(String room, String text) {
        Set<Session> members = ROOMS.get(room);
        if (members == null) {
            return;
        }
        for (Session member : members) {
            if (!member.isOpen()) {
                continue; // closing; @OnClose will take it out of the room
            }
            try {
                member.getAsyncRemote().sendText(text, result -> {
                    if (!result.isOK()) {
                        LOG.log(System.Logger.Level.DEBUG, "chat send to " + member.getId() + " failed",
                                result.getException());
                    }
                });
            } catch (RuntimeException e) {
                // Closed between the check and the send: nothing to deliver to.
                LOG.log(System.Logger.Level.DEBUG, "chat send to " + member.getId() + " refused", e);
            }
        }
    }

    /** The {@code name} query parameter, cleaned up, or a fresh guest name. */
    static String nameFrom(Map<String, List<String>> parameters) {
        List<String> values = parameters == null ? null : parameters.get("name");
        if (values != null && !values.isEmpty() && values.get(0) != null) {
            StringBuilder name = new StringBuilder();
            values.get(0).codePoints()
                    .filter(cp -> !Character.isISOControl(cp))
                    .forEach(name::appendCodePoint);
            String trimmed = name.toString().strip();
            if (!trimmed.isEmpty()) {
                return trimmed.codePointCount(0, trimmed.length()) <= MAX_NAME_LENGTH
                        ? trimmed
                        : trimmed.substring(0, trimmed.offsetByCodePoints(0, MAX_NAME_LENGTH));
            }
        }
        return "guest-" + GUESTS.incrementAndGet();
    }
}
