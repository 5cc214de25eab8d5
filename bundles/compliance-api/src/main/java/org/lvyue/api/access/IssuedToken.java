package org.lvyue.api.access;

/**
 * A token just issued: the only time its secret is known to the product.
 *
 * @param token  the token as listed from now on
 * @param secret what the collector sends as {@code Authorization: Bearer <secret>}
 */
public record IssuedToken(ApiToken token, String secret) {
}
