package dev.tether.servlet;

import dev.tether.endpoint.EndpointRegistration;
import dev.tether.endpoint.TetherServerContainer;
import dev.tether.endpoint.UriTemplateRouter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Takes WebSocket handshakes for deployed endpoint paths out of the web application's request
 * processing and upgrades them; every other request goes down the chain untouched.
 *
 * <p>Its {@link #init} marks the end of the application's deployment: servlet containers
 * initialise filters after every {@code ServletContextListener} has run, so from then on
 * {@code addEndpoint} throws {@link IllegalStateException}, and an application in which any
 * {@code addEndpoint} failed (even one whose listener caught the {@code DeploymentException})
 * fails to start. Thread-safe.
 */
final class WebSocketUpgradeFilter implements Filter {
    private final TetherServerContainer container;
    private final ServletUpgrade upgrade;

    WebSocketUpgradeFilter(TetherServerContainer container, ServletUpgrade upgrade) {
        this.container = container;
        this.upgrade = upgrade;
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
        container.closeDeployment();
        if (container.deploymentFailure() != null) {
            throw new ServletException("a WebSocket endpoint of this application failed to deploy: "
                    + container.deploymentFailure().getMessage(), container.deploymentFailure());
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse httpResponse
                && ServletUpgrade.isUpgradeRequest(http)) {
            UriTemplateRouter.Match<EndpointRegistration> match = container.route(pathInApplication(http));
            if (match != null) {
                upgrade.upgrade(http, httpResponse, match);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** The request path after the context path, still percent-encoded, as endpoint paths are matched. */
    private static String pathInApplication(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        String path = uri.startsWith(context) ? uri.substring(context.length()) : uri;
        return path.isEmpty() ? "/" : path;
    }
}
