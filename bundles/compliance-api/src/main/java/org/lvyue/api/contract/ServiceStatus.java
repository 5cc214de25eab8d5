package org.lvyue.api.contract;

/**
 * Whether a service the contract buys is held against it now: its domain bundle running in a version the
 * contract accepts. A service not running is never reported compliant: no rule of it runs for the contract.
 *
 * @param domain        the domain id
 * @param title         the domain's name (Chinese), or the id when no bundle of it was ever seen
 * @param running       whether its rules run for the contract
 * @param bundleVersion the version of its bundle the product has (running or not), or null when none
 * @param versions      the range the contract accepts, or null for any
 * @param reason        why it is not running (Chinese first), or null when it runs
 */
public record ServiceStatus(String domain, String title, boolean running, String bundleVersion, String versions,
                            String reason) {
}
