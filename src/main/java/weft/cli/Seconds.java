package weft.cli;

import java.time.Duration;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses a number of seconds, fractions allowed ({@code 2}, {@code 0.5}), into a Duration. */
final class Seconds implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        double seconds;
        try {
            seconds = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a number of seconds");
        }
        if (!(seconds >= 0) || seconds > 1e9) {
            throw new TypeConversionException("'" + value + "' is not a number of seconds from 0 to 1e9");
        }
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }
}
