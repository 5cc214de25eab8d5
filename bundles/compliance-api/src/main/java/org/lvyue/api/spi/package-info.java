/**
 * What a domain bundle provides: manifest headers, its catalogue of fact kinds and obligations (with what it
 * declares for the assessment and the dashboard), and the report sections and settlement terms it registers
 * as services.
 */
@org.osgi.annotation.versioning.Version("1.2.0")
package org.lvyue.api.spi;
