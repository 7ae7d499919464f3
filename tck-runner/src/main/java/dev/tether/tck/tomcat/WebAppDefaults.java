package dev.tether.tck.tomcat;

import org.apache.catalina.Context;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.LifecycleEvent;
import org.apache.catalina.LifecycleListener;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;

/**
 * Gives a web application what a standalone Tomcat's {@code conf/web.xml} gives it, minus JSP
 * (which embedded Tomcat without Jasper cannot serve): the default servlet on {@code /}, the
 * default MIME types and a 30-minute session timeout. Applied just before the context starts;
 * the application's own {@code web.xml} may override each of them.
 *
 * <p>The default servlet matters beyond static files: Tomcat runs a request's filters only when
 * some servlet is mapped to its path, and a WebSocket upgrade filter on {@code /*} must run for
 * paths that no servlet of the application claims.
 */
final class WebAppDefaults implements LifecycleListener {

    @Override
    public void lifecycleEvent(LifecycleEvent event) {
        if (Lifecycle.BEFORE_START_EVENT.equals(event.getType()) && event.getLifecycle() instanceof Context context
                && context.findChild("default") == null) {
            Wrapper servlet = Tomcat.addServlet(context, "default", "org.apache.catalina.servlets.DefaultServlet");
            servlet.setLoadOnStartup(1);
            servlet.setOverridable(true);
            context.addServletMapping("/", "default");
            context.setSessionTimeout(30);
            Tomcat.addDefaultMimeTypeMappings(context);
        }
    }
}
