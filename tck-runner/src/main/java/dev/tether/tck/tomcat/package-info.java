/**
 * An Arquillian container adapter that deploys ShrinkWrap {@code WebArchive}s as web
 * applications of one embedded Tomcat 11 ({@code tomcat-embed-core} only, without Tomcat's own
 * WebSocket implementation), so that the Jakarta WebSocket TCK runs against Tether's servlet
 * drop-in: Tomcat finds Tether's {@code ServletContainerInitializer} on the class path and hands
 * it each application's endpoint classes.
 *
 * <p>Each archive is exported to a WAR file and served at its name without extension; the class
 * path is never scanned, the application's classes load child-first, and an application that
 * fails to start serves nothing without failing the deployment.
 */
package dev.tether.tck.tomcat;
