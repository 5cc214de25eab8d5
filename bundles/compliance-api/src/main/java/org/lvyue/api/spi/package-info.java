/**
 * What a domain bundle provides: manifest headers, its catalogue of fact kinds and obligations (with what it
 * declares for the assessment and the dashboard), and the report sections it registers as a service.
 */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.lvyue.api.spi;
