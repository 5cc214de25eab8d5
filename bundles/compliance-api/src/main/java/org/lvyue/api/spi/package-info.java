/** What a domain bundle provides: manifest headers, its catalogue of fact kinds and obligations. */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.lvyue.api.spi;
