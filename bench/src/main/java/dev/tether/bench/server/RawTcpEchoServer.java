package dev.tether.bench.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.util.concurrent.TimeUnit;

/**
 * A plain TCP echo on Netty's NIO transport: every byte read is written back, flushed once per
 * read batch. No HTTP, no WebSocket; the load generator talks to it without a handshake, so it
 * measures what this machine's loopback and the load generator itself can do.
 */
public final class RawTcpEchoServer implements EchoServer {
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Channel channel;

    /** Echoes every buffer as it arrives. */
    private static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public boolean isSharable() {
            return true;
        }
    }

    @Override
    public void start(String host, int port) throws Exception {
        boss = new NioEventLoopGroup(1);
        workers = new NioEventLoopGroup();
        channel = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new Echo())
                .bind(host, port).sync().channel();
    }

    @Override
    public void stop() throws Exception {
        channel.close().sync();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
}
