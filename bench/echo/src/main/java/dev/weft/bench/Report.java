package dev.weft.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A run's figures as one machine-readable line, {@code RESULT key=value ...}, in the order put;
 * "NA" stands for a figure that could not be measured.
 */
final class Report {
    private final Map<String, String> figures = new LinkedHashMap<>();

    Report put(String key, Object value) {
        figures.put(key, String.valueOf(value));
        return this;
    }

    /** Rounded to {@code decimals}; NaN and infinities (nothing measured) become NA. */
    Report put(String key, double value, int decimals) {
        return put(key, Double.isFinite(value) ? String.format(Locale.ROOT, "%." + decimals + "f", value) : "NA");
    }

    Report putErrors(Errors errors) {
        return put("errors", errors.total())
                .put("verify_errors", errors.verification)
                .put("io_errors", errors.io)
                .put("connect_failures", errors.connectFailures)
                .put("connect_retries", errors.connectRetries)
                .put("server", errors.serverDied ? "died" : "ok");
    }

    String line() {
        StringBuilder line = new StringBuilder("RESULT");
        figures.forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
        return line.toString();
    }
}
