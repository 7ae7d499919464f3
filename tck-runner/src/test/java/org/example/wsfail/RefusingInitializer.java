package org.example.wsfail;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;

import java.util.Set;

/** Fails the web application it belongs to, as a WebSocket implementation does for an invalid endpoint. */
public class RefusingInitializer implements ServletContainerInitializer {
    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        throw new ServletException("this application refuses to start");
    }
}
