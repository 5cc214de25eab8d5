/** The official mainland-China working-day calendar: public holidays and the weekend days worked in exchange. */
@org.osgi.annotation.versioning.Version("1.2.0")
package org.lvyue.api.calendar;
