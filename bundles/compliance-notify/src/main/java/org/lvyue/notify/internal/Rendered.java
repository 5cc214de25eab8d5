package org.lvyue.notify.internal;

/**
 * A message as people read it, in each form a channel needs.
 *
 * @param subject  one line (an e-mail's subject, a robot message's title)
 * @param text     plain text, for e-mail
 * @param markdown the same in the Markdown of the 企业微信 and 钉钉 robots
 * @param link     where the console shows what it is about
 */
record Rendered(String subject, String text, String markdown, String link) {
}
