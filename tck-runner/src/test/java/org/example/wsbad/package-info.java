/** An invalid endpoint, for negative deployments. */
package org.example.wsbad;
