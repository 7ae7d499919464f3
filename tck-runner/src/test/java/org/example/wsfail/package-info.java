/** A web application whose initializer refuses to start, for failed deployments in a servlet container. */
package org.example.wsfail;
