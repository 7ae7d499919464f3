package dev.tether.servlet;

import dev.tether.jakarta.TetherSession;
import jakarta.websocket.CloseReason;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The WebSocket sessions each authenticated HTTP session opened. When an HTTP session ends, its
 * WebSocket sessions are closed with 1008 (Jakarta WebSocket 2.2 §7.2: a session must not
 * outlive the authentication it was opened with). Thread-safe.
 */
final class HttpSessionSessions {
    private static final System.Logger LOG = System.getLogger(HttpSessionSessions.class.getName());
    static final CloseReason HTTP_SESSION_ENDED =
            new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "the HTTP session ended");

    private final Map<String, Set<TetherSession>> byHttpSession = new ConcurrentHashMap<>();

    /** Remembers that {@code session} belongs to the HTTP session {@code httpSessionId}, until it closes. */
    void bind(String httpSessionId, TetherSession session) {
        byHttpSession.computeIfAbsent(httpSessionId, id -> ConcurrentHashMap.newKeySet()).add(session);
        session.whenClosed(() -> byHttpSession.computeIfPresent(httpSessionId, (id, sessions) -> {
            sessions.remove(session);
            return sessions.isEmpty() ? null : sessions;
        }));
    }

    /** Closes, with 1008, the WebSocket sessions of an HTTP session that ended. */
    void ended(String httpSessionId) {
        Set<TetherSession> sessions = byHttpSession.remove(httpSessionId);
        if (sessions == null) {
            return;
        }
        for (TetherSession session : sessions) {
            try {
                session.startClose(HTTP_SESSION_ENDED);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing " + session.getId() + " failed", e);
            }
        }
    }
}
