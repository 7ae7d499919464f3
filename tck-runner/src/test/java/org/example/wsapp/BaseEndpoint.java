package org.example.wsapp;

import jakarta.websocket.Endpoint;

/** An abstract endpoint: never deployed, never offered to a ServerApplicationConfig. */
public abstract class BaseEndpoint extends Endpoint {
}
