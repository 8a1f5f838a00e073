package io.etcdj.http;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.math.BigDecimal;

/**
 * A float64 as Go's encoding/json writes it: the shortest decimal that reads back as the same
 * number, in plain notation unless the magnitude is below 1e-6 or from 1e21 up, where it is
 * {@code 1.5e-7} / {@code 1e+21} (Go trims "e-07" to "e-7"). So 2^63 is 9223372036854776000.
 * Infinities and NaN have no JSON form: Go refuses to encode them, and so do callers of this.
 */
final class GoFloat {
  private GoFloat() {}

  static String format(double f) {
    if (Double.isNaN(f) || Double.isInfinite(f)) {
      throw new IllegalArgumentException("json: unsupported value: " + f);
    }
    if (f == 0) {
      return 1 / f < 0 ? "-0" : "0";
    }
    // The shortest round-tripping digits (JDK 17's Double.toString is not always the shortest).
    BigDecimal shortest = new BigDecimal(NumberOutput.toString(f, true)).stripTrailingZeros();
    double abs = Math.abs(f);
    if (abs >= 1e-6 && abs < 1e21) {
      return shortest.toPlainString();
    }
    String digits = shortest.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - shortest.scale();
    StringBuilder b = new StringBuilder();
    if (f < 0) {
      b.append('-');
    }
    b.append(digits.charAt(0));
    if (digits.length() > 1) {
      b.append('.').append(digits, 1, digits.length());
    }
    return b.append('e').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent)).toString();
  }
}
