package dev.tether.bench.server;

import io.undertow.Undertow;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.websockets.extensions.PerMessageDeflateHandshake;
import io.undertow.websockets.jsr.WebSocketDeploymentInfo;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioWorker;

/** Undertow 2.3 (servlet deployment with undertow-websockets-jsr) with {@link EchoEndpoint}. */
public final class UndertowEchoServer implements EchoServer {
    private XnioWorker worker;
    private DeploymentManager manager;
    private Undertow undertow;

    @Override
    public void start(String host, int port) throws Exception {
        int ioThreads = Math.max(Runtime.getRuntime().availableProcessors(), 2);
        worker = Xnio.getInstance(Undertow.class.getClassLoader()).createWorker(OptionMap.builder()
                .set(Options.WORKER_IO_THREADS, ioThreads)
                .set(Options.WORKER_TASK_CORE_THREADS, ioThreads * 8)
                .set(Options.WORKER_TASK_MAX_THREADS, ioThreads * 8)
                .set(Options.TCP_NODELAY, true)
                .getMap());
        WebSocketDeploymentInfo websockets = new WebSocketDeploymentInfo()
                .setWorker(worker)
                .setBuffers(new DefaultByteBufferPool(true, 16 * 1024))
                .addExtension(new PerMessageDeflateHandshake())
                .addEndpoint(EchoEndpoint.class);
        DeploymentInfo deployment = Servlets.deployment()
                .setClassLoader(UndertowEchoServer.class.getClassLoader())
                .setContextPath("/")
                .setDeploymentName("bench")
                .addServletContextAttribute(WebSocketDeploymentInfo.ATTRIBUTE_NAME, websockets);
        manager = Servlets.defaultContainer().addDeployment(deployment);
        manager.deploy();
        undertow = Undertow.builder()
                .setWorker(worker)
                .addHttpListener(port, host)
                .setHandler(manager.start())
                .build();
        undertow.start();
    }

    @Override
    public void stop() throws Exception {
        undertow.stop();
        manager.stop();
        manager.undeploy();
        worker.shutdownNow();
    }
}
