/** What a domain bundle provides: manifest headers, its catalogue of fact kinds and obligations. */
@org.osgi.annotation.versioning.Version("0.2.0")
package org.lvyue.api.spi;
