package org.example.servletapp;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** {@code /secure/login} starts an HTTP session and prints its id; {@code /secure/logout} ends it. */
@WebServlet("/secure/session/*")
public class SessionServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        if ("/logout".equals(request.getPathInfo())) {
            request.getSession().invalidate();
            response.getWriter().print("bye");
        } else {
            response.getWriter().print(request.getSession(true).getId());
        }
    }
}
