package org.lvyue.api.ledger;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The one rounding rule of the ledger: amounts are computed exactly (BigDecimal, no binary
 * floating point) and rounded once, at the end, to the fen (0.01 yuan) half-up (四舍五入).
 * Where a formula divides (A / 365), the quotient is carried at 34 significant digits
 * ({@link MathContext#DECIMAL128}) until that final rounding, unless the contract's
 * interpretation {@code money.rounding} asks for the daily fee to be rounded first.
 */
public final class Money {
    public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;
    public static final MathContext EXACT = MathContext.DECIMAL128;

    private Money() {
    }

    /** Rounds to the fen, half-up. */
    public static BigDecimal fen(BigDecimal amount) {
        return amount.setScale(2, ROUNDING);
    }

    /** {@code a / b} carried exactly enough for one final rounding. */
    public static BigDecimal divide(BigDecimal a, BigDecimal b) {
        return a.divide(b, EXACT);
    }

    /** {@code amount × rate}, rounded to the fen. */
    public static BigDecimal percent(BigDecimal amount, BigDecimal rate) {
        return fen(amount.multiply(rate));
    }

    /** Formats an amount as {@code ¥1,234.56}. */
    public static String yuan(BigDecimal amount) {
        return String.format(java.util.Locale.ROOT, "¥%,.2f", fen(amount));
    }
}
