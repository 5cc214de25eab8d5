/** What a domain bundle provides: manifest headers, its catalogue of fact kinds and obligations. */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.lvyue.api.spi;
