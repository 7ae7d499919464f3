/**
 * A small web application that the adapter's tests package into WebArchives. It lives outside
 * {@code dev.tether} on purpose: the archive class loader gives {@code dev.tether.*} to its parent.
 */
package org.example.wsapp;
