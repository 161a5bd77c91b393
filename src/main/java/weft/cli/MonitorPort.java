package weft.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --monitor[=PORT]}: a port only. The monitor listens on 127.0.0.1 and nowhere else (it
 * can cancel any task), so an address is refused, in one line.
 */
final class MonitorPort implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
        if (value.contains(":") || value.chars().anyMatch(Character::isLetter)) {
            throw new TypeConversionException("'" + value + "': the monitor listens on 127.0.0.1 only; give a port");
        }
        int port;
        try {
            port = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a port number");
        }
        if (port < 0 || port > 65535) {
            throw new TypeConversionException(port + " is not a port number (0 to 65535)");
        }
        return port;
    }
}
