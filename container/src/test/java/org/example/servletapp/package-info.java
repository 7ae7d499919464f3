/**
 * A small web application for the servlet drop-in tests: an annotated echo, a programmatic
 * endpoint chosen by a {@code ServerApplicationConfig}, an endpoint a listener adds, a servlet
 * that upgrades by hand, and an endpoint that reports its user and HTTP session. Outside
 * {@code dev.tether} because Tether never deploys its own classes.
 */
package org.example.servletapp;
